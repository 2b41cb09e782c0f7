package org.patientoutreach.emails.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patientoutreach.commons.problem.ProblemException;
import org.patientoutreach.emails.EmailsConfig;
import org.patientoutreach.emails.metrics.EmailMetrics;

/** Where the webhook fetches a signing certificate from, with the production origin; no infrastructure. */
class AmazonSnsTrustTest {

    private final AmazonSns sns = new AmazonSns(Set.of(FakeSns.TOPIC), Pattern.compile(EmailsConfig.Sns.AMAZON_SNS),
            new EmailMetrics(new SimpleMeterRegistry(), null));

    @Test
    void signingCertificatesComeOnlyFromAmazonSnsRegionalHostsOverHttps() {
        for (String url : List.of(
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem",
                "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-0123abcd.pem")) {
            assertEquals(URI.create(url), sns.certificateUrl(url));
        }
    }

    @Test
    void anythingElseIsRefusedBeforeItIsFetched() {
        for (String url : List.of(
                "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.s3.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.s3-external-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.s3.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.us-east-1.amazonaws.com.attacker.example/SimpleNotificationService-0123abcd.pem",
                "https://attacker.example@sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem",
                "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-0123abcd.pem",
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123abcd.pem?again=1",
                "https://sns.us-east-1.amazonaws.com/uploads/certificate.pem",
                "not a URL at all")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> sns.certificateUrl(url), url);
            assertEquals(403, refused.problem().status(), url);
        }
    }
}
