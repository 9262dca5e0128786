package io.mosaic.fragments.members;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** The workspace's members, held in memory for the demo, sorted by name. */
@Component
class MemberDirectory {

    private static final String DOMAIN = "@northwind.chat";

    private final List<Member> members = List.of(
            member("Alice Moreau", "alice.moreau", Role.OWNER, "Engineering", Status.ACTIVE),
            member("Bjørn Halvorsen", "bjorn.halvorsen", Role.ADMIN, "Engineering", Status.ACTIVE),
            member("Chiara Russo", "chiara.russo", Role.MEMBER, "Product", Status.ACTIVE),
            member("Dev Patel", "dev.patel", Role.ADMIN, "People", Status.ACTIVE),
            member("Emeka Okafor", "emeka.okafor", Role.MEMBER, "Sales", Status.ACTIVE),
            member("Fatima Haddad", "fatima.haddad", Role.MEMBER, "Finance", Status.ACTIVE),
            member("Grace Kim", "grace.kim", Role.MEMBER, "Engineering", Status.ACTIVE),
            member("Hiroshi Tanaka", "hiroshi.tanaka", Role.MEMBER, "Product", Status.DEACTIVATED),
            member("Inês Carvalho", "ines.carvalho", Role.MEMBER, "Sales", Status.ACTIVE),
            new Member("Jonas Becker", "jonas@becker-partners.example", Role.GUEST, "Finance", Status.ACTIVE),
            member("Kofi Mensah", "kofi.mensah", Role.MEMBER, "Engineering", Status.ACTIVE),
            member("Lena Fischer", "lena.fischer", Role.ADMIN, "Finance", Status.ACTIVE),
            member("Mateo García", "mateo.garcia", Role.MEMBER, "Sales", Status.DEACTIVATED),
            member("Nora Lindqvist", "nora.lindqvist", Role.MEMBER, "People", Status.ACTIVE),
            new Member("Priya Raman", "priya@studio-raman.example", Role.GUEST, "Product", Status.ACTIVE),
            member("Sam O'Brien", "sam.obrien", Role.MEMBER, "Engineering", Status.ACTIVE))
        .stream()
        .sorted(Comparator.comparing(Member::name))
        .toList();

    /** Every member when {@code query} is null or blank; otherwise those it matches, ignoring case. */
    List<Member> search(String query) {
        if (query == null || query.isBlank()) {
            return this.members;
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return this.members.stream().filter((member) -> member.matches(needle)).toList();
    }

    private static Member member(String name, String mailbox, Role role, String department, Status status) {
        return new Member(name, mailbox + DOMAIN, role, department, status);
    }

}
