package dev.intake.domain.callback;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts callbacks may reach, as an administrator lists them: host names, IP addresses (IPv6 in brackets) and
 * {@code *.example.com} for every host under a domain (not the domain itself). Letter case does not count. An empty
 * list allows no callback at all.
 */
public record AllowedHosts(List<String> hosts) {

    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?";
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

    public AllowedHosts {
        hosts = List.copyOf(hosts);
    }

    /** Reads and checks a list; duplicates and blanks go, entries are lower-cased. */
    public static AllowedHosts of(List<String> entries) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : entries) {
            String host = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (host.length() > 253 || !HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
                throw new InvalidCallbackException("'" + entry + "' is not a host name: list hosts such as"
                        + " erp.example.com, 10.0.0.7, [::1] or *.example.com, without scheme, port or path.");
            }
            hosts.add(host);
        }
        return new AllowedHosts(new ArrayList<>(hosts));
    }

    /** A comma-separated list, as in {@code INTAKE_CALLBACK_HOSTS}. */
    public static AllowedHosts parse(String commaSeparated) {
        return of(commaSeparated == null ? List.of() : List.of(commaSeparated.split(",")));
    }

    /**
     * Whether a callback may reach this host (as {@link CallbackAddress} gives it, lower case). Known shortcoming:
     * the name is checked, not the address it resolves to when the callback is sent, so a listed name whose DNS
     * points inside the network is reached; pinning the resolved address would need a resolver hook the JDK's
     * HTTP client does not offer. README, Limitations.
     */
    public boolean allows(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        return hosts.stream().anyMatch(entry -> entry.startsWith("*.") ? wanted.endsWith(entry.substring(1))
                : entry.equals(wanted));
    }

    /** The list as stored and as {@code INTAKE_CALLBACK_HOSTS} writes it. */
    public String joined() {
        return String.join(",", hosts);
    }
}
