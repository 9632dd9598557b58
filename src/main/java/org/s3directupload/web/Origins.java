package org.s3directupload.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.s3directupload.config.Setting;
import org.s3directupload.config.SettingReader;

/**
 * The browser origins the application is served from ({@code upload.allowed-origins}): the pages'
 * own origins for the cross-site checks, the origins the bucket's CORS rule lets upload, and
 * whether the session cookie can be {@code Secure}.
 *
 * @param allowed {@code scheme://host[:port]}, lower case; may be empty
 */
public record Origins(List<String> allowed) {

  /** The key of this feature. {@code upload.allowed-origins}. */
  public enum Key implements Setting {
    ALLOWED_ORIGINS;

    @Override
    public String prefix() {
      return "upload.";
    }
  }

  public Origins {
    allowed = List.copyOf(allowed);
  }

  public static Origins read(SettingReader reader) {
    return new Origins(reader.origins(Key.ALLOWED_ORIGINS));
  }

  /** Whether {@code origin} (as a browser sends it) is one of the allowed ones. */
  public boolean includes(String origin) {
    return allowed.contains(origin.strip().toLowerCase(Locale.ROOT));
  }

  /** Whether every origin is https, so that cookies never need to travel in clear text. */
  public boolean servedOnlyOverTls() {
    return !allowed.isEmpty() && allowed.stream().allMatch(origin -> origin.startsWith("https://"));
  }

  /** Reads the origins once per application. */
  @ApplicationScoped
  static class Producer {

    @Produces
    @Singleton
    static Origins origins(SettingReader reader) {
      return reader.read(Origins::read);
    }
  }
}
