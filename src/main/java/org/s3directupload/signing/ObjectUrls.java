package org.s3directupload.signing;

import java.net.URL;
import org.s3directupload.storage.StorageClients;
import org.s3directupload.storage.StoreSettings;

/**
 * Where an object of the bucket is, as the SDK addresses it (endpoint, path-style or
 * virtual-hosted), found once: the SDK builds a whole request to answer each {@code getUrl}, too
 * much for every ticket. A key is appended encoded as SigV4 and the SDK encode it ({@link
 * #encodeKey}).
 */
final class ObjectUrls {

  /** The object URL up to the key, e.g. {@code http://127.0.0.1:9000/uploads/}. */
  private final String urlBeforeKey;

  /** The URL's path up to the key, e.g. {@code /uploads/} or {@code /}. */
  private final String pathBeforeKey;

  /** The {@code Host} header a browser sends to such a URL. */
  private final String host;

  ObjectUrls(StoreSettings settings) {
    URL probe =
        StorageClients.addressing(settings).getUrl(b -> b.bucket(settings.bucket()).key("k"));
    String url = probe.toString();
    String path = probe.getPath();
    if (!url.endsWith("/k") || !path.endsWith("/k") || probe.getQuery() != null) {
      throw new IllegalStateException("The SDK addressed an object in an unexpected way");
    }
    this.urlBeforeKey = url.substring(0, url.length() - 1);
    this.pathBeforeKey = path.substring(0, path.length() - 1);
    int port = probe.getPort();
    boolean defaultPort =
        port == -1
            || (port == 443 && probe.getProtocol().equals("https"))
            || (port == 80 && probe.getProtocol().equals("http"));
    this.host = defaultPort ? probe.getHost() : probe.getHost() + ":" + port;
  }

  /** The object's URL, without a query. */
  String url(String key) {
    return urlBeforeKey + encodeKey(key);
  }

  /** The object URL's path, encoded, as SigV4's canonical request names it. */
  String path(String key) {
    return pathBeforeKey + encodeKey(key);
  }

  String host() {
    return host;
  }

  /** A key as it stands in a URL: each byte encoded but {@code A-Z a-z 0-9 - _ . ~ /}. */
  static String encodeKey(String key) {
    return SigV4QuerySigner.encode(key, true);
  }
}
