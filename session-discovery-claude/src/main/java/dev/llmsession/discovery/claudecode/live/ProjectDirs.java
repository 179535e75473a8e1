package dev.llmsession.discovery.claudecode.live;

/** Claude Code's mapping of a working directory to a project directory name (lossy; never decoded). */
public final class ProjectDirs {

    /** Encoded names longer than this are cut and suffixed with a hash by Claude Code. */
    public static final int MAX_NAME = 200;

    private ProjectDirs() {
    }

    /** Every character that is not an ASCII letter or digit becomes {@code '-'}. */
    public static String encode(String cwd) {
        StringBuilder out = new StringBuilder(cwd.length());
        for (int i = 0; i < cwd.length(); i++) {
            char c = cwd.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            out.append(alnum ? c : '-');
        }
        return out.toString();
    }

    /** Whether the project directory {@code dirName} can belong to {@code cwd}. */
    public static boolean matches(String dirName, String cwd) {
        String encoded = encode(cwd);
        if (encoded.length() <= MAX_NAME) {
            return dirName.equals(encoded);
        }
        return dirName.startsWith(encoded.substring(0, MAX_NAME));
    }
}
