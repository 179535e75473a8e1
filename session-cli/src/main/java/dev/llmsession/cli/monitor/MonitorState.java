package dev.llmsession.cli.monitor;

import dev.llmsession.cli.render.SessionOrder;
import dev.llmsession.cli.render.ShortIds;
import dev.llmsession.model.HealthLevel;
import dev.llmsession.model.Session;
import dev.llmsession.model.SessionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the dashboard shows and how keys change it: the latest data, the view, the selected session, the sort,
 * the filter and the alerts. No I/O and no terminal: keys and refreshes go in, the next thing to do comes out.
 * Confined to the UI thread.
 */
public final class MonitorState {
    /** Which screen is up. */
    public enum View { LIST, DETAIL, HELP }

    /** What the loop must do after a key. */
    public sealed interface Outcome {
        /** Nothing changed. */
        record None() implements Outcome {
        }

        /** Draw again. */
        record Redraw() implements Outcome {
        }

        /** Refresh now (and draw). */
        record Refresh() implements Outcome {
        }

        /** Leave the monitor. */
        record Quit() implements Outcome {
        }

        /** Run a plugged-in action on a session. */
        record Run(MonitorBinding binding, Session session) implements Outcome {
        }
    }

    private static final Outcome NONE = new Outcome.None();
    private static final Outcome REDRAW = new Outcome.Redraw();

    private final List<MonitorBinding> bindings;
    private MonitorData data;
    private View view = View.LIST;
    private View beforeHelp = View.LIST;
    private SessionId selected;
    private SessionOrder sort;
    private String filter = "";
    private boolean editingFilter;
    private String status = "";
    /** First body line the detail view shows; the screen clamps it to what the body and the screen allow. */
    private int detailScroll;
    private final Set<SessionId> alerts = new HashSet<>();
    private final Map<SessionId, Boolean> alarming = new HashMap<>();
    private final Map<SessionId, Boolean> waiting = new HashMap<>();
    private boolean refreshed;

    public MonitorState(MonitorData initial, List<MonitorBinding> bindings) {
        this.data = Objects.requireNonNull(initial, "initial");
        this.bindings = List.copyOf(bindings);
    }

    /**
     * Takes a refresh in. Returns the sessions that have just crossed into warning or critical health or started
     * to wait for permission (each once per crossing); they stay highlighted while the condition lasts.
     */
    public List<SessionId> accept(MonitorData next) {
        List<SessionId> crossed = new ArrayList<>();
        Map<SessionId, Boolean> now = new HashMap<>();
        Map<SessionId, Boolean> waitsNow = new HashMap<>();
        for (Session s : next.sessions()) {
            boolean alarm = alarming(s, next);
            boolean waits = needsUser(s);
            now.put(s.id(), alarm);
            waitsNow.put(s.id(), waits);
            Boolean before = alarming.get(s.id());
            Boolean waitedBefore = waiting.get(s.id());
            // A session already alarming when first seen has crossed nothing: its health colour says enough. A
            // wait that begins is an alert whatever the health already was (a warning session asking for
            // permission must not go unnoticed), once per wait.
            boolean healthCrossed = alarm && before != null && !before;
            boolean waitBegan = waits && waitedBefore != null && !waitedBefore;
            if (healthCrossed || waitBegan) {
                crossed.add(s.id());
                alerts.add(s.id());
            }
        }
        alerts.removeIf(id -> !Boolean.TRUE.equals(now.get(id)) && !Boolean.TRUE.equals(waitsNow.get(id)));
        alarming.clear();
        alarming.putAll(now);
        waiting.clear();
        waiting.putAll(waitsNow);
        int at = selectedIndex();
        this.data = next;
        this.refreshed = true;
        pinSelection(at);
        if (view == View.DETAIL && selectedSession().isEmpty()) {
            view = View.LIST;
        }
        return crossed;
    }

    /**
     * Keeps the selection on the same session across refreshes (rows move as activity changes); when that
     * session is gone, on the row where it was.
     */
    private void pinSelection(int at) {
        List<Session> rows = rows();
        if (rows.isEmpty()) {
            return;
        }
        boolean present = rows.stream().anyMatch(r -> r.id().equals(selected));
        if (!present) {
            selected = rows.get(Math.max(0, Math.min(at, rows.size() - 1))).id();
        }
    }

    private static boolean alarming(Session s, MonitorData d) {
        HealthLevel level = d.health(s).level();
        return level == HealthLevel.WARNING || level == HealthLevel.CRITICAL;
    }

    /** Waiting on the user: a permission or question dialog, or a failed turn to resend. */
    public static boolean needsUser(Session s) {
        return s.activity().state().needsUser();
    }

    /** Applies one key. */
    public Outcome press(Key key) {
        if (key.kind() == Key.Kind.INTERRUPT) {
            return new Outcome.Quit();
        }
        if (editingFilter) {
            return editFilter(key);
        }
        if (view == View.HELP) {
            if (key.is('q')) {
                return new Outcome.Quit();
            }
            view = beforeHelp;
            return REDRAW;
        }
        if (key.is('q')) {
            return new Outcome.Quit();
        }
        if (key.is('r')) {
            status = "";
            return new Outcome.Refresh();
        }
        if (key.is('h') || key.is('?')) {
            beforeHelp = view;
            view = View.HELP;
            return REDRAW;
        }
        if (view == View.DETAIL) {
            Optional<Outcome> scrolled = scroll(key);
            if (scrolled.isPresent()) {
                return scrolled.get();
            }
        }
        Optional<Outcome> moved = move(key);
        if (moved.isPresent()) {
            detailScroll = 0;
            return moved.get();
        }
        if (view == View.DETAIL) {
            if (key.kind() == Key.Kind.ESCAPE || key.kind() == Key.Kind.BACKSPACE) {
                view = View.LIST;
                return REDRAW;
            }
            return plugged(key).orElse(NONE);
        }
        switch (key.kind()) {
            case ENTER -> {
                if (selectedSession().isPresent()) {
                    view = View.DETAIL;
                    detailScroll = 0;
                    return new Outcome.Refresh(); // the trend of the selected session comes with the next refresh
                }
                return NONE;
            }
            case ESCAPE -> {
                if (filter.isEmpty() && status.isEmpty()) {
                    return NONE;
                }
                filter = "";
                status = "";
                return REDRAW;
            }
            default -> {
                // handled below
            }
        }
        if (key.is('s')) {
            sort = nextSort(sort);
            return REDRAW;
        }
        if (key.is('/')) {
            editingFilter = true;
            return REDRAW;
        }
        return plugged(key).orElse(NONE);
    }

    private Optional<Outcome> plugged(Key key) {
        if (key.kind() != Key.Kind.CHAR) {
            return Optional.empty();
        }
        for (MonitorBinding b : bindings) {
            if (b.key() == key.ch()) {
                Optional<Session> s = selectedSession();
                if (s.isEmpty()) {
                    status = "no session selected";
                    return Optional.of(REDRAW);
                }
                status = b.label() + " " + ShortIds.of(data.sessions()).of(s.get().id()) + "...";
                return Optional.of(new Outcome.Run(b, s.get()));
            }
        }
        return Optional.empty();
    }

    /** In the detail view, PgUp/PgDn scroll its body by {@value #DETAIL_STEP} lines, Home/End to either end. */
    private Optional<Outcome> scroll(Key key) {
        switch (key.kind()) {
            case PAGE_UP -> detailScroll = Math.max(0, detailScroll - DETAIL_STEP);
            case PAGE_DOWN -> detailScroll += DETAIL_STEP;
            case HOME -> detailScroll = 0;
            case END -> detailScroll = Integer.MAX_VALUE / 2;
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(REDRAW);
    }

    /** Lines a PgUp or PgDn scrolls the detail view by. */
    static final int DETAIL_STEP = 8;

    /** The first line of the detail body to show. */
    public int detailScroll() {
        return detailScroll;
    }

    /** Called by the screen when it draws: the scroll never rests past the last page (so PgUp acts at once). */
    public void clampDetailScroll(int max) {
        detailScroll = Math.max(0, Math.min(detailScroll, max));
    }

    private Optional<Outcome> move(Key key) {
        int delta = switch (key.kind()) {
            case UP -> -1;
            case DOWN -> 1;
            case PAGE_UP -> -10;
            case PAGE_DOWN -> 10;
            case HOME -> Integer.MIN_VALUE / 2;
            case END -> Integer.MAX_VALUE / 2;
            case CHAR -> key.ch() == 'k' ? -1 : key.ch() == 'j' ? 1 : 0;
            default -> 0;
        };
        if (delta == 0) {
            return Optional.empty();
        }
        List<Session> rows = rows();
        if (rows.isEmpty()) {
            return Optional.of(NONE);
        }
        int at = Math.max(0, selectedIndex());
        int to = (int) Math.max(0, Math.min(rows.size() - 1, (long) at + delta));
        selected = rows.get(to).id();
        return Optional.of(view == View.DETAIL ? new Outcome.Refresh() : REDRAW);
    }

    private Outcome editFilter(Key key) {
        switch (key.kind()) {
            case CHAR -> filter += key.ch();
            case BACKSPACE -> filter = filter.isEmpty() ? "" : filter.substring(0, filter.length() - 1);
            case ENTER -> editingFilter = false;
            case ESCAPE -> {
                filter = "";
                editingFilter = false;
            }
            default -> {
                return move(key).orElse(NONE);
            }
        }
        return REDRAW;
    }

    private static SessionOrder nextSort(SessionOrder current) {
        if (current == null) {
            return SessionOrder.values()[0];
        }
        int next = current.ordinal() + 1;
        return next < SessionOrder.values().length ? SessionOrder.values()[next] : null;
    }

    /** The rows shown: filtered, then sorted. */
    public List<Session> rows() {
        List<Session> shown = new ArrayList<>();
        String needle = filter.toLowerCase(Locale.ROOT);
        for (Session s : data.sessions()) {
            if (needle.isEmpty() || matches(s, needle)) {
                shown.add(s);
            }
        }
        return sort == null ? shown : sort.sort(shown, data::health);
    }

    private static boolean matches(Session s, String needle) {
        return s.id().value().toLowerCase(Locale.ROOT).contains(needle)
                || s.cwd().map(c -> c.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || s.model().map(m -> m.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || s.gitBranch().map(b -> b.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || s.title().map(t -> t.toLowerCase(Locale.ROOT).contains(needle)).orElse(false)
                || s.activity().state().label().contains(needle)
                || dev.llmsession.cli.render.Labels.status(s.activity().state()).contains(needle);
    }

    /** Index of the selected row in {@link #rows()}; the first row when the selection is gone; -1 when none. */
    public int selectedIndex() {
        List<Session> rows = rows();
        if (rows.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(selected)) {
                return i;
            }
        }
        return 0;
    }

    /** The selected session, if any row is shown. */
    public Optional<Session> selectedSession() {
        int i = selectedIndex();
        return i < 0 ? Optional.empty() : Optional.of(rows().get(i));
    }

    /** The session whose trend the next refresh should fetch: the one in the detail view. */
    public Optional<SessionId> trendWanted() {
        return view == View.DETAIL ? selectedSession().map(Session::id) : Optional.empty();
    }

    /** Shows {@code line} in the status line until the next key that clears it. */
    public void status(String line) {
        this.status = Objects.requireNonNull(line, "line");
    }

    public MonitorData data() {
        return data;
    }

    public View view() {
        return view;
    }

    public Optional<SessionOrder> sort() {
        return Optional.ofNullable(sort);
    }

    public String filter() {
        return filter;
    }

    public boolean editingFilter() {
        return editingFilter;
    }

    public String status() {
        return status;
    }

    /** Whether at least one refresh has come in. */
    public boolean refreshed() {
        return refreshed;
    }

    /** Whether {@code id} is highlighted by an alert. */
    public boolean alerted(SessionId id) {
        return alerts.contains(id);
    }

    public List<MonitorBinding> bindings() {
        return bindings;
    }
}
