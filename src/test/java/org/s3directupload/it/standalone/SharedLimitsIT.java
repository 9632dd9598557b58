package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.s3directupload.devstore.PayaraMicro;
import org.s3directupload.it.People;
import org.s3directupload.it.TestStore;

/**
 * Two instances of the application behind an imagined load balancer, sharing one database (an H2
 * server on loopback, which each Payara Micro reaches through a JDBC pool made by a post-boot
 * command): tickets taken from both count against one limit.
 */
@ExtendWith(TestStore.class)
class SharedLimitsIT {

  private static final int TICKETS = 4;

  @Test
  void instancesSharingTheDatabaseShareTheLimit() throws Exception {
    int databasePort = Integer.getInteger("it.h2.port");
    Server database =
        Server.createTcpServer("-tcpPort", Integer.toString(databasePort), "-ifNotExists").start();
    Path commands = Files.createTempFile(Path.of("target"), "limits-pool", ".asadmin");
    Files.writeString(
        commands,
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource"
            + " --restype javax.sql.DataSource --property user=sa:password=sa:url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:"
            + databasePort
            + "/mem\\:limits;DB_CLOSE_DELAY\\=-1 limitsPool\n"
            + "create-jdbc-resource --connectionpoolid limitsPool jdbc/uploadLimits\n");
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.put("UPLOAD_LIMITS_DATA_SOURCE", "jdbc/uploadLimits");
    environment.put("UPLOAD_LIMITS_TICKETS", Integer.toString(TICKETS));
    environment.put("UPLOAD_LIMITS_TICKETS_WINDOW", "PT10S");
    List<String> postBoot = List.of("--postbootcommandfile", commands.toString());
    int[] ports = {Integer.getInteger("it.spare.port"), Integer.getInteger("it.spare2.port")};
    PayaraMicro first = null;
    PayaraMicro second = null;
    try {
      first = start(ports[0], environment, postBoot);
      second = start(ports[1], environment, postBoot);
      assertTrue(first.awaitConsole(PayaraMicro.READY, Duration.ofMinutes(2)), first.console());
      assertTrue(second.awaitConsole(PayaraMicro.READY, Duration.ofMinutes(2)), second.console());
      assertTrue(first.console().contains("counted in jdbc/uploadLimits"), first.console());

      // at the start of a window, so that every ticket below falls into the same one
      Thread.sleep(10_000 - System.currentTimeMillis() % 10_000 + 100);
      int granted = 0;
      for (int i = 0; i < TICKETS + 2; i++) {
        HttpResponse<String> response = ticket(ports[i % 2]);
        if (response.statusCode() == 201) {
          granted++;
        } else {
          assertEquals(429, response.statusCode(), response.body());
        }
      }

      assertEquals(TICKETS, granted, "both instances together grant the limit once");
      assertEquals(429, ticket(ports[0]).statusCode());
      assertEquals(429, ticket(ports[1]).statusCode());
    } finally {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
      database.stop();
    }
  }

  private static PayaraMicro start(int port, Map<String, String> environment, List<String> extra)
      throws Exception {
    return PayaraMicro.start(
        Path.of(System.getProperty("it.micro.jar")),
        Path.of(System.getProperty("it.war")),
        port,
        "/",
        environment,
        null,
        extra);
  }

  private static HttpResponse<String> ticket(int port) throws Exception {
    return People.ALICE.post(
        URI.create("http://127.0.0.1:" + port + "/api/uploads"),
        "application/json",
        "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}");
  }
}
