package dev.sandlot.server.account;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Devices that have signed in to an account before: a successful sign-in sets an HttpOnly
 * cookie holding an HMAC of the account's name skeleton and an expiry, under a key made
 * at start-up. Only such a device may use the slow lane of a locked account (see
 * {@link LoginLimiter}); nobody can forge one without having signed in, and a restart
 * forgets them (and the limits) alike.
 */
@Component
class KnownDevices {

    static final String COOKIE = "SANDLOT_DEVICE";

    private final byte[] key = new byte[32];

    private final Duration lifetime;

    private final boolean secure;

    KnownDevices(AccountProperties properties, AuthProperties auth) {
        new SecureRandom().nextBytes(key);
        this.lifetime = properties.login().deviceLifetime();
        this.secure = auth.secureCookies();
    }

    void remember(HttpServletResponse response, String username) {
        long expires = System.currentTimeMillis() / 1000 + lifetime.toSeconds();
        String value = expires + "." + mac(Usernames.skeleton(username) + "|" + expires);
        response.addHeader("Set-Cookie",
                ResponseCookie.from(COOKIE, value)
                    .httpOnly(true)
                    .secure(secure)
                    .sameSite("Strict")
                    .path("/api/v1/auth")
                    .maxAge(lifetime)
                    .build()
                    .toString());
    }

    boolean isKnown(HttpServletRequest request, String username) {
        if (request == null || request.getCookies() == null)
            return false;
        for (Cookie c : request.getCookies()) {
            if (COOKIE.equals(c.getName()) && valid(c.getValue(), username))
                return true;
        }
        return false;
    }

    private boolean valid(String value, String username) {
        if (value == null || value.length() > 120)
            return false;
        int dot = value.indexOf('.');
        if (dot <= 0)
            return false;
        long expires;
        try {
            expires = Long.parseLong(value.substring(0, dot));
        }
        catch (NumberFormatException e) {
            return false;
        }
        if (expires < System.currentTimeMillis() / 1000)
            return false;
        byte[] expected = mac(Usernames.skeleton(username) + "|" + expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
