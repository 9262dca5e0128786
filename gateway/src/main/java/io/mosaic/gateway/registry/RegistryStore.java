package io.mosaic.gateway.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.mosaic.gateway.plan.BreakerControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry's tables, through plain JDBC. Blocking: callers on an event loop must move off
 * it first ({@link Registrations} does). The same SQL runs on H2 and PostgreSQL.
 */
public final class RegistryStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public RegistryStore(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Runs {@code work} in one transaction: the change, its revision and its audit row commit together or not at all. */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    /** The registry's revision: changes with every committed change. */
    public long revision() {
        return jdbc.sql("SELECT revision FROM registry_state WHERE id = 1").query(Long.class).single();
    }

    /**
     * Takes the registry's write lock for the current transaction and moves its revision on.
     * Writers on every gateway instance queue here, so each validates against the state that the
     * one before it left.
     */
    public long advanceRevision() {
        jdbc.sql("UPDATE registry_state SET revision = revision + 1 WHERE id = 1").update();
        return revision();
    }

    /** Every registered fragment, in the order they were first registered. */
    public List<StoredFragment> all() {
        return jdbc.sql("SELECT * FROM fragments ORDER BY created_at, name").query(RegistryStore::fragment).list();
    }

    public Optional<StoredFragment> find(String name) {
        return jdbc.sql("SELECT * FROM fragments WHERE name = ?").param(name).query(RegistryStore::fragment).optional();
    }

    /** The next revision number of {@code name}: numbering goes on across removal and re-registration. */
    public long nextRevision(String name) {
        return jdbc.sql("SELECT COALESCE(MAX(revision), 0) + 1 FROM fragment_revisions WHERE name = ?").param(name)
                .query(Long.class).single();
    }

    public void insert(StoredFragment fragment) {
        jdbc.sql("""
                INSERT INTO fragments (name, team, document, revision, enabled, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(fragment.name(), fragment.team(), fragment.document(), fragment.revision(), fragment.enabled(),
                        time(fragment.createdAt()), time(fragment.updatedAt()), fragment.updatedBy())
                .update();
    }

    /** Replaces {@code fragment.name()} if it is still at {@code expectedRevision}; false when it moved on or is gone. */
    public boolean update(StoredFragment fragment, long expectedRevision) {
        return jdbc.sql("""
                UPDATE fragments SET team = ?, document = ?, revision = ?, enabled = ?, updated_at = ?, updated_by = ?
                WHERE name = ? AND revision = ?""")
                .params(fragment.team(), fragment.document(), fragment.revision(), fragment.enabled(),
                        time(fragment.updatedAt()), fragment.updatedBy(), fragment.name(), expectedRevision)
                .update() == 1;
    }

    /** Removes {@code name} if it is still at {@code expectedRevision}. */
    public boolean delete(String name, long expectedRevision) {
        return jdbc.sql("DELETE FROM fragments WHERE name = ? AND revision = ?").params(name, expectedRevision).update() == 1;
    }

    public void addRevision(Revision revision) {
        jdbc.sql("""
                INSERT INTO fragment_revisions (name, revision, team, document, action, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(revision.name(), revision.revision(), revision.team(), revision.document(), revision.action(),
                        time(revision.createdAt()), revision.createdBy())
                .update();
    }

    /** Every version of {@code name}, newest first. */
    public List<Revision> revisions(String name) {
        return jdbc.sql("SELECT * FROM fragment_revisions WHERE name = ? ORDER BY revision DESC").param(name)
                .query((rs, row) -> new Revision(rs.getString("name"), rs.getLong("revision"), rs.getString("team"),
                        rs.getString("document"), rs.getString("action"), instant(rs, "created_at"), rs.getString("created_by")))
                .list();
    }

    public Optional<Revision> revision(String name, long revision) {
        return revisions(name).stream().filter(r -> r.revision() == revision).findFirst();
    }

    public void audit(AuditEntry entry) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor, team, action, fragment, before_doc, after_doc, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(time(entry.at()), entry.actor(), entry.team(), entry.action(), entry.fragment(), entry.before(),
                        entry.after(), entry.requestId())
                .update();
    }

    /** The audit log, newest first, optionally of one team and/or one fragment, at most {@code limit} entries. */
    public List<AuditEntry> audit(String team, String fragment, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (team != null) {
            sql.append(" AND team = ?");
            params.add(team);
        }
        if (fragment != null) {
            sql.append(" AND fragment = ?");
            params.add(fragment);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> new AuditEntry(rs.getLong("id"), instant(rs, "at"),
                rs.getString("actor"), rs.getString("team"), rs.getString("action"), rs.getString("fragment"),
                rs.getString("before_doc"), rs.getString("after_doc"), rs.getString("request_id")))
                .list();
    }

    /** Every incident control an admin holds, by fragment. */
    public Map<String, IncidentControl> controls() {
        Map<String, IncidentControl> controls = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM incident_controls ORDER BY fragment").query(RegistryStore::control).list()
                .forEach(control -> controls.put(control.fragment(), control));
        return controls;
    }

    public Optional<IncidentControl> control(String fragment) {
        return jdbc.sql("SELECT * FROM incident_controls WHERE fragment = ?").param(fragment).query(RegistryStore::control).optional();
    }

    /** Keeps {@code control} for its fragment, or drops the fragment's row when it holds nothing. */
    public void saveControl(IncidentControl control) {
        jdbc.sql("DELETE FROM incident_controls WHERE fragment = ?").param(control.fragment()).update();
        if (control.holds()) {
            jdbc.sql("INSERT INTO incident_controls (fragment, breaker, disabled, set_at, set_by) VALUES (?, ?, ?, ?, ?)")
                    .params(control.fragment(), control.breaker() == null ? null : control.breaker().id(), control.disabled(),
                            time(control.setAt()), control.setBy())
                    .update();
        }
    }

    private static IncidentControl control(ResultSet rs, int row) throws SQLException {
        String breaker = rs.getString("breaker");
        return new IncidentControl(rs.getString("fragment"), breaker == null ? null : BreakerControl.byId(breaker).orElse(null),
                rs.getBoolean("disabled"), instant(rs, "set_at"), rs.getString("set_by"));
    }

    private static StoredFragment fragment(ResultSet rs, int row) throws SQLException {
        return new StoredFragment(rs.getString("name"), rs.getString("team"), rs.getString("document"), rs.getLong("revision"),
                rs.getBoolean("enabled"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
