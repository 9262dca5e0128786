package io.mosaic.fragments.members;

import io.mosaic.fragments.contract.FragmentMapping;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class MemberController {

    private final MemberDirectory directory;

    MemberController(MemberDirectory directory) {
        this.directory = directory;
    }

    @FragmentMapping
    String fragment(@RequestParam(name = "q", required = false) String query, Model model) {
        List<Member> members = this.directory.search(query);
        model.addAttribute("query", (query != null) ? query.strip() : "");
        model.addAttribute("members", members);
        return "members/directory";
    }

}
