package dev.intake.domain.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackAddressTest {

    @Test
    void readsHttpAndHttpsUrlsAndTheirHostInLowerCase() {
        assertEquals("erp.example.com", CallbackAddress.parse("https://ERP.Example.com/intake/done?x=1").host());
        assertEquals("127.0.0.1", CallbackAddress.parse("http://127.0.0.1:8085/hook").host());
        assertEquals("[::1]", CallbackAddress.parse("http://[::1]:9000/").host());
    }

    @Test
    void refusesOtherSchemesRelativeUrlsAndUserInformationSayingWhy() {
        assertTrue(refusal("ftp://erp.example.com/x").contains("http or https"));
        assertTrue(refusal("file:///etc/passwd").contains("http or https"));
        assertTrue(refusal("/intake/done").contains("http or https"));
        assertTrue(refusal("https://user:pw@erp.example.com/x").contains("user name or password"));
        assertTrue(refusal("http://exa mple.com/").contains("not a valid URL"));
        assertTrue(refusal("https:///path-only").contains("no host"));
        assertTrue(refusal(" ").contains("empty"));
        assertTrue(refusal("https://erp.example.com/" + "x".repeat(2000)).contains("at most 2000"));
    }

    @Test
    void allowsListedHostsAndSubdomainsOfWildcardsIgnoringCase() {
        AllowedHosts hosts = AllowedHosts.parse(" ERP.example.com, 127.0.0.1,*.hooks.example.org ,,");

        assertEquals(List.of("erp.example.com", "127.0.0.1", "*.hooks.example.org"), hosts.hosts());
        assertTrue(hosts.allows("erp.example.com"));
        assertTrue(hosts.allows("127.0.0.1"));
        assertTrue(hosts.allows("a.hooks.example.org"));
        assertTrue(hosts.allows("b.a.hooks.example.org"));
        assertFalse(hosts.allows("hooks.example.org"));
        assertFalse(hosts.allows("evilhooks.example.org"));
        assertFalse(hosts.allows("erp.example.com.evil.net"));
        assertFalse(hosts.allows("127.0.0.2"));
    }

    @Test
    void anEmptyListAllowsNothing() {
        assertFalse(AllowedHosts.parse("").allows("localhost"));
        assertFalse(AllowedHosts.parse(null).allows("127.0.0.1"));
    }

    @Test
    void refusesEntriesThatAreNotHostNames() {
        for (String entry : List.of("https://erp.example.com", "erp.example.com:8080", "erp.example.com/path",
                "*", "*.", "a..b", "[::1")) {
            InvalidCallbackException refused = assertThrows(InvalidCallbackException.class,
                    () -> AllowedHosts.of(List.of(entry)), entry);
            assertTrue(refused.getMessage().contains("is not a host name"), refused.getMessage());
        }
    }

    @Test
    void keepsEachHostOnceAndWritesTheListAsTheSettingReadsIt() {
        AllowedHosts hosts = AllowedHosts.of(List.of("a.example.com", "A.EXAMPLE.COM", "[::1]"));

        assertEquals("a.example.com,[::1]", hosts.joined());
        assertTrue(hosts.allows("[::1]"));
    }

    private static String refusal(String url) {
        return assertThrows(InvalidCallbackException.class, () -> CallbackAddress.parse(url)).getMessage();
    }
}
