package org.s3directupload.it.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * moto in server mode on loopback: a second, independent S3 implementation that, unlike S3Proxy,
 * implements bucket CORS, policy, default encryption and public-access blocks. The README's test
 * command installs it with pip where it is missing.
 */
final class Moto implements AutoCloseable {

  static final String ACCESS_KEY = "moto-access-key";
  static final String SECRET_KEY = "moto-secret-key";

  private final Process process;
  private final int port;

  private Moto(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static Moto start(int port) throws IOException, InterruptedException {
    Path log = Files.createTempFile("moto-", ".log");
    Process process =
        new ProcessBuilder(
                "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Moto moto = new Moto(process, port);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto did not start (is it installed? ./test.sh installs it):\n"
                + Files.readString(log));
      }
      try {
        http.send(
            HttpRequest.newBuilder(moto.endpoint()).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        return moto;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    moto.close();
    throw new IllegalStateException("moto did not answer within 60 s:\n" + Files.readString(log));
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
