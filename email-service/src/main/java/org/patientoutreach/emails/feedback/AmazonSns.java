package org.patientoutreach.emails.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;

/**
 * Decides whether a message comes from Amazon SNS for a topic this service trusts, and confirms subscriptions. A
 * message is trusted when its topic is one of {@code emails.sns.topic-arns}, its signing certificate is a {@code .pem}
 * file named as SNS names them ({@code /SimpleNotificationService-<hex>.pem}) at an origin matching
 * {@code emails.sns.trusted-origin} (Amazon SNS's regional hosts over HTTPS, whose TLS certificate the JDK checks),
 * the certificate is issued to {@value #SIGNER} and valid now, and the signature verifies with it (SignatureVersion
 * 1: SHA1withRSA, 2: SHA256withRSA). Certificates are kept once fetched: SNS signs with few and rotates them rarely.
 */
@ApplicationScoped
class AmazonSns {

    private static final int MAX_CERTIFICATES = 32;
    private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The names SNS gives its signing certificates; anything else at a trusted origin is not one. */
    private static final Pattern CERTIFICATE_PATH = Pattern.compile("/SimpleNotificationService-[0-9a-f]+\\.pem");
    /** The subject Amazon SNS's signing certificates are issued to. */
    static final String SIGNER = "sns.amazonaws.com";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();
    private final Set<String> topics;
    private final Pattern trustedOrigin;
    private final EmailMetrics metrics;

    @Inject
    AmazonSns(EmailsConfig config, EmailMetrics metrics) {
        this(config.sns().topicArns().orElse(Set.of()), Pattern.compile(config.sns().trustedOrigin()), metrics);
    }

    AmazonSns(Set<String> topics, Pattern trustedOrigin, EmailMetrics metrics) {
        this.topics = topics;
        this.trustedOrigin = trustedOrigin;
        this.metrics = metrics;
    }

    /** Refuses (403) a message that is not signed by Amazon SNS for a trusted topic. */
    void verify(SnsMessage message) {
        if (!topics.contains(message.topicArn())) {
            throw refused(TOPIC, "its topic is not one this service trusts (emails.sns.topic-arns)");
        }
        URI certificateUrl = certificateUrl(message.signingCertUrl());
        String algorithm = switch (message.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw refused(SIGNATURE, "SignatureVersion is neither 1 nor 2");
        };
        X509Certificate certificate = certificate(certificateUrl);
        try {
            certificate.checkValidity();
            if (!SIGNER.equals(commonName(certificate))) {
                throw refused(CERTIFICATE, "its signing certificate is not issued to " + SIGNER);
            }
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(certificate.getPublicKey());
            signature.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
            if (!signature.verify(Base64.getDecoder().decode(message.signature()))) {
                throw refused(SIGNATURE, "its signature does not verify");
            }
        } catch (CertificateException e) {
            throw refused(CERTIFICATE, "its signing certificate has expired or is not yet valid");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused(SIGNATURE, "its signature does not verify");
        }
    }

    /** Visits the SubscribeURL of a verified confirmation: that is what confirms the subscription to SNS. */
    void confirm(SnsMessage message) {
        HttpResponse<Void> response = get(trusted(message.subscribeUrl(), "SubscribeURL"),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new ProblemException(Response.Status.BAD_GATEWAY,
                    "Amazon SNS answered " + response.statusCode() + " to the subscription confirmation");
        }
    }

    private X509Certificate certificate(URI url) {
        X509Certificate known = certificates.get(url.toString());
        if (known != null) {
            return known;
        }
        HttpResponse<InputStream> response = get(url, HttpResponse.BodyHandlers.ofInputStream());
        byte[] pem;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw unavailable("the signing certificate could not be fetched (" + response.statusCode() + ")");
            }
            pem = body.readNBytes(MAX_CERTIFICATE_BYTES + 1);
        } catch (IOException e) {
            throw unavailable("the signing certificate could not be read: " + e.getClass().getSimpleName());
        }
        if (pem.length > MAX_CERTIFICATE_BYTES) {
            throw refused(CERTIFICATE, "SigningCertURL holds more than a certificate");
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            if (certificates.size() >= MAX_CERTIFICATES) {
                certificates.clear();
            }
            certificates.put(url.toString(), certificate);
            return certificate;
        } catch (CertificateException | ClassCastException e) {
            throw refused(CERTIFICATE, "SigningCertURL does not hold an X.509 certificate");
        }
    }

    /** A trusted origin's signing certificate: {@code /SimpleNotificationService-<hex>.pem}, no query. */
    URI certificateUrl(String url) {
        URI uri = trusted(url, "SigningCertURL");
        if (uri.getRawQuery() != null || uri.getRawFragment() != null
                || !CERTIFICATE_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath()).matches()) {
            throw refused(ORIGIN, "SigningCertURL does not name an SNS signing certificate");
        }
        return uri;
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // no readable subject: no common name
        }
        return null;
    }

    /** {@code url} if its scheme, host and port match the trusted origin and it carries no credentials. */
    URI trusted(String url, String field) {
        try {
            URI uri = new URI(url);
            String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            if (uri.getHost() != null && uri.getUserInfo() == null && trustedOrigin.matcher(origin).matches()) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw refused(ORIGIN, field + " is not an address of Amazon SNS (emails.sns.trusted-origin)");
    }

    private <T> HttpResponse<T> get(URI url, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(), body);
        } catch (IOException e) {
            throw unavailable("Amazon SNS could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while reaching Amazon SNS");
        }
    }

    /** Why a message is refused, as the metrics count it. */
    private static final String TOPIC = "topic";
    private static final String ORIGIN = "origin";
    private static final String CERTIFICATE = "certificate";
    private static final String SIGNATURE = "signature";

    private ProblemException refused(String counted, String reason) {
        metrics.webhookRefused("sns", counted);
        return new ProblemException(Response.Status.FORBIDDEN,
                "Not a message of Amazon SNS this service trusts: " + reason);
    }

    /** SNS delivers again after a 5xx: a failure on our side to reach it must not lose the notification. */
    private static ProblemException unavailable(String reason) {
        return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, reason);
    }
}
