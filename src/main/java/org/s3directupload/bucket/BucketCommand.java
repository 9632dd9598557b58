package org.s3directupload.bucket;

import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.s3directupload.config.InvalidSettingException;
import org.s3directupload.config.SettingReader;
import org.s3directupload.config.StandaloneConfig;
import org.s3directupload.json.Jsons;
import org.s3directupload.signing.MultipartSettings;
import org.s3directupload.signing.SigningSettings;
import org.s3directupload.signing.TicketIssuer;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;
import org.s3directupload.web.Origins;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bucket setup without an application server, for operators and pipelines: {@code print} the
 * documents, {@code apply} them, or run the {@code doctor}. Same settings and credentials as the
 * application (see {@link StandaloneConfig}); {@code ./bucket.sh} runs it from a build.
 *
 * <p>Exit status: 0 when nothing failed, 1 when a step or check failed, 2 for a usage or
 * configuration error.
 */
public final class BucketCommand {

  private BucketCommand() {}

  public static void main(String[] args) {
    String command = args.length == 1 ? args[0] : "";
    if (!List.of("print", "apply", "doctor").contains(command)) {
      System.err.println(
          "Usage: bucket.sh print|apply|doctor\n"
              + "  print   the bucket documents (CORS rule, policy, default encryption,"
              + " public-access block, lifecycle rule) as JSON\n"
              + "  apply   apply them to the bucket, merging with what is there\n"
              + "  doctor  check the live bucket the way browsers and S3 see it\n"
              + "Settings: the application's upload.* keys as UPLOAD_* environment variables or"
              + " -Dupload.*=... system properties; credentials from the AWS SDK's default chain.");
      System.exit(2);
    }
    SigningSettings settings;
    MultipartSettings multipart;
    Origins origins;
    try {
      SettingReader reader = StandaloneConfig.reader();
      settings = SigningSettings.read(reader, StoreSettings.read(reader));
      multipart = MultipartSettings.read(reader, settings);
      origins = Origins.read(reader);
    } catch (InvalidSettingException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    if (command.equals("print")) {
      System.out.println(
          pretty(BucketDocuments.forSettings(settings, multipart, origins).toJson()));
      return;
    }
    try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        S3Client s3 = StorageClients.newClient(settings.store(), credentials)) {
      boolean failed;
      if (command.equals("apply")) {
        List<SetupStep> steps = new BucketSetup(s3, settings, multipart, origins).apply();
        steps.forEach(
            step ->
                System.out.printf(
                    "%-18s %-14s %s%n", step.document(), step.outcome().code(), step.message()));
        failed = steps.stream().anyMatch(step -> step.outcome() == SetupStep.Outcome.FAILED);
      } else {
        TicketIssuer issuer = TicketIssuer.forSettings(settings, credentials, Clock.systemUTC());
        List<Finding> findings =
            new BucketDoctor(settings, multipart, origins, s3, issuer).examine();
        for (Finding finding : findings) {
          System.out.printf("%-5s %s%n", finding.status().code().toUpperCase(), finding.check());
          System.out.printf("      observed: %s%n", finding.observed());
          if (finding.status() != Finding.Status.OK) {
            System.out.printf("      why:      %s%n", finding.why());
            System.out.printf("      fix:      %s%n", finding.fix());
          }
        }
        failed = !BucketDoctor.healthy(findings);
      }
      System.exit(failed ? 1 : 0);
    }
  }

  static String pretty(JsonObject json) {
    StringWriter text = new StringWriter();
    try (JsonWriter writer =
        Jsons.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
      writer.writeObject(json);
    }
    return text.toString().strip();
  }
}
