package org.s3directupload.bucket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.s3directupload.bucket.Preflights.Preflight;
import org.s3directupload.signing.UploadTicket;

/**
 * The bucket's CORS rule as browsers meet it: a preflight exactly like the browser's, from every
 * allowed origin, accepted; from any other origin, refused. A refusal is narrowed down to what
 * exactly is not allowed: the origin, the method, or which header.
 */
final class CorsPreflights implements DoctorCheck {

  static final String CHECK = "cors-preflight";

  /** An origin no configuration allows, to see that the CORS rule is not open to every site. */
  static final String FOREIGN_ORIGIN = "https://doctor-probe.invalid";

  private static final String WHY =
      "Browsers ask the bucket first (a CORS preflight) whether this page may upload with these"
          + " headers; if the answer is no, the browser blocks the upload and only says"
          + " 'network error'.";

  @Override
  public String name() {
    return CHECK;
  }

  @Override
  public List<Finding> examine(Examination exam) throws IOException, InterruptedException {
    if (exam.origins().allowed().isEmpty()) {
      return List.of(
          Finding.fail(
              CHECK,
              "upload.allowed-origins is empty, so there is no origin to check.",
              WHY,
              "Set upload.allowed-origins to the address(es) people open the page at, then apply"
                  + " the CORS rule: "
                  + exam.documents().corsRule()));
    }
    UploadTicket canary = exam.canaryTicket();
    String requested =
        canary.headers().keySet().stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .sorted()
            .reduce((a, b) -> a + "," + b)
            .orElse("");
    Preflights preflights = new Preflights(exam.http(), exam.timeout());
    List<Finding> findings = new ArrayList<>();
    for (String origin : exam.origins().allowed()) {
      findings.add(fromAllowed(exam, preflights, canary.url(), canary.method(), origin, requested));
    }
    findings.add(fromForeign(exam, preflights, canary.url(), canary.method(), requested));
    return findings;
  }

  private static Finding fromAllowed(
      Examination exam,
      Preflights preflights,
      String url,
      String method,
      String origin,
      String requested)
      throws IOException, InterruptedException {
    String check = CHECK + " " + origin;
    Preflight full = preflights.send(url, method, origin, requested);
    if (full.allows(origin, requested)) {
      return Finding.ok(
          check,
          "A preflight from "
              + origin
              + " for "
              + method
              + " with "
              + requested
              + " was accepted ("
              + full.status()
              + ").",
          WHY);
    }
    String rule = exam.documents().corsRule().toString();
    if (!preflights.send(url, method, origin, "").allows(origin, "")) {
      return Finding.fail(
          check,
          "A preflight from "
              + origin
              + " for "
              + method
              + " was refused ("
              + full.describe()
              + "): the origin "
              + origin
              + " or the method "
              + method
              + " is not allowed.",
          WHY,
          "Add a CORS rule that allows the origin "
              + origin
              + " and the method "
              + method
              + ": "
              + rule);
    }
    List<String> missing = new ArrayList<>();
    for (String header : requested.split(",")) {
      if (!preflights.send(url, method, origin, header).allows(origin, header)) {
        missing.add(header);
      }
    }
    String refused = missing.isEmpty() ? "the combination of headers" : String.join(", ", missing);
    return Finding.fail(
        check,
        "A preflight from "
            + origin
            + " for "
            + method
            + " with "
            + requested
            + " was refused ("
            + full.describe()
            + "). Not allowed: "
            + refused
            + ".",
        WHY,
        "Add "
            + (missing.isEmpty() ? "the ticket's headers" : String.join(", ", missing))
            + " to the AllowedHeaders of the bucket's CORS rule, which should read: "
            + rule);
  }

  private static Finding fromForeign(
      Examination exam, Preflights preflights, String url, String method, String requested)
      throws IOException, InterruptedException {
    String check = "cors-foreign-origin";
    Preflight foreign = preflights.send(url, method, FOREIGN_ORIGIN, requested);
    if (foreign.allows(FOREIGN_ORIGIN, requested)) {
      return Finding.fail(
          check,
          "A preflight from "
              + FOREIGN_ORIGIN
              + ", which is not an allowed origin, was accepted (Access-Control-Allow-Origin: "
              + foreign.allowOrigin()
              + ").",
          "Any web site could then make its visitors' browsers write into this bucket with a"
              + " leaked ticket, or read from it.",
          "Restrict the CORS rule's AllowedOrigins to "
              + String.join(", ", exam.origins().allowed())
              + "; never '*'.");
    }
    return Finding.ok(
        check,
        "A preflight from " + FOREIGN_ORIGIN + " was refused (" + foreign.describe() + ").",
        "The CORS rule must not let other sites use the bucket from a browser.");
  }
}
