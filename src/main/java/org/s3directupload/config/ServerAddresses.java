package org.s3directupload.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/** Reads a setting that names a server: a scheme, a host, an optional port and nothing else. */
public final class ServerAddresses {

  private ServerAddresses() {}

  /**
   * @param schemes the schemes allowed, lower case
   * @param problem what the message says when the value has anything else
   * @return {@code scheme://authority}, without a trailing slash
   * @throws InvalidSettingException naming {@code key}; a value that is not a URL is not repeated,
   *     as a mistyped one may carry credentials
   */
  public static URI read(String key, String value, Set<String> schemes, String problem) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new InvalidSettingException(key, "is not a URL.");
    }
    boolean bare =
        uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && uri.getRawUserInfo() == null
            && (uri.getRawPath() == null
                || uri.getRawPath().isEmpty()
                || uri.getRawPath().equals("/"));
    if (uri.getScheme() == null
        || !schemes.contains(uri.getScheme())
        || uri.getHost() == null
        || !bare) {
      throw new InvalidSettingException(key, problem);
    }
    return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
  }
}
