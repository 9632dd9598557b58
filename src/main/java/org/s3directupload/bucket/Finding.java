package org.s3directupload.bucket;

import jakarta.json.JsonObject;
import java.util.Locale;
import org.s3directupload.json.Jsons;

/**
 * One thing the doctor checked, in words an operator can act on.
 *
 * @param check what was checked, e.g. {@code cors-preflight https://uploads.example.com}
 * @param status the verdict
 * @param observed what the store actually answered
 * @param why why it matters for uploads
 * @param fix what to change; empty when nothing needs to change
 */
public record Finding(String check, Status status, String observed, String why, String fix) {

  /** How a check came out. */
  public enum Status {
    OK,
    WARN,
    FAIL;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Finding ok(String check, String observed, String why) {
    return new Finding(check, Status.OK, observed, why, "");
  }

  static Finding warn(String check, String observed, String why, String fix) {
    return new Finding(check, Status.WARN, observed, why, fix);
  }

  static Finding fail(String check, String observed, String why, String fix) {
    return new Finding(check, Status.FAIL, observed, why, fix);
  }

  public JsonObject toJson() {
    return Jsons.createObjectBuilder()
        .add("check", check)
        .add("status", status.code())
        .add("observed", observed)
        .add("why", why)
        .add("fix", fix)
        .build();
  }
}
