package io.mosaic.fragments.audit;

import io.mosaic.fragments.contract.FragmentMapping;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

@Controller
class AuditFeedController {

    /** How many events fit the aside; the full log lives in the security team's own tool. */
    static final int FEED_LENGTH = 8;

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM, HH:mm 'UTC'", Locale.ENGLISH)
        .withZone(ZoneOffset.UTC);

    private final AuditLog log;

    AuditFeedController(AuditLog log) {
        this.log = log;
    }

    @FragmentMapping
    String fragment(Model model) {
        List<FeedItem> items = this.log.recent(FEED_LENGTH)
            .stream()
            .map((event) -> new FeedItem(event.actor(), event.action(), event.target(), event.at().toString(),
                    SHOWN.format(event.at())))
            .toList();
        model.addAttribute("items", items);
        return "audit/feed";
    }

}
