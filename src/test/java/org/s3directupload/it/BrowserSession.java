package org.s3directupload.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does with cookies, done over HTTP: sign in through the form, keep the session
 * cookie, read the page's token. For the tests that need a cookie session rather than Basic.
 */
public final class BrowserSession {

  private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");
  private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"");
  private static final Pattern TOKEN = Pattern.compile("data-csrf-token=\"([^\"]+)\"");

  private final TheApp app;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public BrowserSession(TheApp app) {
    this.app = app;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The app's own origin, as a browser would send it. */
  public String origin() {
    return app.base().getScheme() + "://" + app.base().getAuthority();
  }

  /**
   * Posts the sign-in form as a browser would (same origin).
   *
   * @return the answer: a redirect on success, the form again with a message on failure
   */
  public HttpResponse<String> signIn(String name, String password, String origin)
      throws IOException, InterruptedException {
    return submit(
        app.resolve("login.xhtml"),
        "login",
        Map.of("login:name", name, "login:password", password, "login:submit", "Sign in"),
        origin);
  }

  /**
   * Submits a Faces form of a page as a browser does: every hidden field the page rendered in it
   * (view state, and whatever else the Faces implementation needs, e.g. MyFaces' {@code
   * <form>_SUBMIT}) plus {@code fields}, from {@code origin}.
   */
  public HttpResponse<String> submit(
      URI page, String formId, Map<String, String> fields, String origin)
      throws IOException, InterruptedException {
    HttpResponse<String> form = get(page);
    Matcher start =
        Pattern.compile("<form[^>]*id=\"" + Pattern.quote(formId) + "\"[^>]*>")
            .matcher(form.body());
    if (!start.find()) {
      throw new AssertionError("No form " + formId + " on " + page + ": " + form.body());
    }
    int end = form.body().indexOf("</form>", start.end());
    String inside = form.body().substring(start.end(), end < 0 ? form.body().length() : end);
    Map<String, String> values = new LinkedHashMap<>();
    values.put(formId, formId);
    Matcher hidden = HIDDEN.matcher(inside);
    while (hidden.find()) {
      Matcher name = NAME.matcher(hidden.group());
      Matcher value = VALUE.matcher(hidden.group());
      if (name.find()) {
        values.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
      }
    }
    values.putAll(fields);
    Matcher action = ACTION.matcher(start.group());
    URI target = action.find() ? page.resolve(unescape(action.group(1))) : page;
    return send(
        request(target)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", origin)
            .POST(HttpRequest.BodyPublishers.ofString(formEncoded(values)))
            .build());
  }

  private static String unescape(String html) {
    return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
  }

  public HttpResponse<String> signIn(People person) throws IOException, InterruptedException {
    return signIn(person.username(), person.password(), origin());
  }

  /** The token the upload page renders for its script. */
  public String csrfToken() throws IOException, InterruptedException {
    HttpResponse<String> page = get(app.base());
    Matcher token = TOKEN.matcher(page.body());
    if (page.statusCode() != 200 || !token.find()) {
      throw new AssertionError("No token on the upload page: " + page.statusCode() + page.body());
    }
    return token.group(1);
  }

  /** The session cookie's value, if there is one. */
  public Optional<String> sessionId() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equalsIgnoreCase("JSESSIONID"))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return send(request(uri).GET().build());
  }

  /** A ticket request as the page's script makes it, with the given extra headers. */
  public HttpResponse<String> requestTicket(Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        request(app.resolve("api/uploads"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"size\":3}"));
    headers.forEach(request::header);
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public static String formEncoded(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
