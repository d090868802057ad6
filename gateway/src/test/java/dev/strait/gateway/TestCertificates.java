package dev.strait.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, and the server certificates it signs, written as PEM
 * files. Nothing is committed and nothing is downloaded: every run has fresh keys.
 */
public final class TestCertificates {

    private final Path directory;
    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;
    private final AtomicLong serial = new AtomicLong(2);

    private TestCertificates(Path directory, String name, KeyPair keys, X509Certificate certificate) {
        this.directory = directory;
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed authority whose files go into {@code directory}. */
    public static TestCertificates authority(Path directory, String name) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = sign(builder, keys);
            TestCertificates ca = new TestCertificates(directory, name, keys, cert);
            write(ca.caFile(), pem("CERTIFICATE", cert.getEncoded()));
            return ca;
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authority's own certificate, as a PEM file to trust. */
    public Path caFile() {
        return directory.resolve(name.replace(' ', '-') + "-ca.pem");
    }

    /**
     * A server certificate for the given names (DNS names, or IP addresses written as such), signed by
     * this authority.
     */
    public Issued issue(String file, String... names) {
        try {
            KeyPair leaf = keyPair();
            Instant now = Instant.now();
            List<GeneralName> alternatives = new ArrayList<>();
            for (String n : names) {
                alternatives.add(Character.isDigit(n.charAt(0))
                        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, n));
            }
            org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), BigInteger.valueOf(serial.getAndIncrement()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + names[0]), leaf.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            X509Certificate cert = sign(builder, keys);
            Issued issued = new Issued(directory.resolve(file + ".crt.pem"), directory.resolve(file + ".key.pem"));
            write(issued.cert(), pem("CERTIFICATE", cert.getEncoded()));
            write(issued.key(), pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
            return issued;
        } catch (GeneralSecurityException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client-side TLS context that trusts this authority only. */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509TrustManager trustManager() {
        return (X509TrustManager) trustManagerFactory().getTrustManagers()[0];
    }

    private TrustManagerFactory trustManagerFactory() {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate chain and its key, as PEM files. */
    public record Issued(Path cert, Path key) {
        public ListenerTls listener() {
            return new ListenerTls(cert, key);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
