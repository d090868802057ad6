package dev.strait.gateway.upstream;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * Tells a refused TLS handshake from a network failure, so the caller reads why (an untrusted
 * certificate or a name that does not match) instead of a bare "connection failed".
 */
final class UpstreamTls {

    private UpstreamTls() {}

    static boolean refused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    /** One sentence for the caller: never a stack trace, never the certificate's contents. */
    static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No subject alternative") || message.contains("doesn't match")
                    || message.contains("does not match")) {
                return "its certificate does not name the host the gateway connected to";
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("PKIX") || message.contains("unable to find valid certification path")
                    || message.contains("certificate_unknown") || message.contains("not trusted")) {
                return "its certificate is not signed by a trusted authority";
            }
        }
        return "the TLS handshake failed";
    }
}
