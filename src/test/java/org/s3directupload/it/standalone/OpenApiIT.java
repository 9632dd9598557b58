package org.s3directupload.it.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.s3directupload.bucket.BucketResource;
import org.s3directupload.it.Http;
import org.s3directupload.it.OnTheServer;
import org.s3directupload.it.TheApp;
import org.s3directupload.uploads.AdminUploadsResource;
import org.s3directupload.uploads.UploadsResource;

/**
 * {@code /openapi} describes every resource method of the API, with its answers and the error
 * shape. Payara Micro serves MicroProfile OpenAPI; the test reads the resource classes themselves,
 * so a method added without a description fails it.
 */
@OnTheServer
class OpenApiIT {

  private static final List<Class<?>> RESOURCES =
      List.of(UploadsResource.class, AdminUploadsResource.class, BucketResource.class);

  @ArquillianResource TheApp app;

  @Test
  void everyResourceMethodIsDescribedWithItsAnswersAndErrors() throws Exception {
    HttpResponse<String> answer =
        Http.send(
            HttpRequest.newBuilder(app.resolve("/openapi"))
                .header("Accept", "application/json")
                .GET()
                .build());
    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject openApi = Http.json(answer);
    JsonObject paths = openApi.getJsonObject("paths");
    List<String> missing = new ArrayList<>();

    for (Map.Entry<String, String> operation : operations().entrySet()) {
      String path = operation.getKey().substring(operation.getKey().indexOf(' ') + 1);
      String method = operation.getValue();
      JsonObject described = find(paths, path, app.base().getPath());
      if (described == null || !described.containsKey(method)) {
        missing.add(method + " " + path);
        continue;
      }
      JsonObject responses = described.getJsonObject(method).getJsonObject("responses");
      assertTrue(
          responses.keySet().stream()
              .anyMatch(code -> code.startsWith("2") || code.startsWith("3")),
          method + " " + path + " has no success answer: " + responses);
      assertTrue(
          responses.containsKey("401") && responses.containsKey("403"),
          method + " " + path + " does not say who may call it: " + responses);
      for (String code : responses.keySet()) {
        if (code.startsWith("4") || code.startsWith("5")) {
          JsonObject error = resolved(openApi, responses.getJsonObject(code));
          assertTrue(
              error.toString().contains("#/components/schemas/Error"),
              method + " " + path + " " + code + " does not have the error shape: " + error);
        }
      }
      assertFalse(
          described.getJsonObject(method).getString("summary", "").isBlank(),
          method + " " + path + " has no summary");
    }

    assertEquals(List.of(), missing, "resource methods not in /openapi");
    assertEquals(
        JsonValue.ValueType.OBJECT,
        openApi.getJsonObject("components").getJsonObject("schemas").get("Error").getValueType());
  }

  /** A response, or the one its {@code $ref} points to in {@code components}. */
  private static JsonObject resolved(JsonObject openApi, JsonObject response) {
    String ref = response.getString("$ref", null);
    if (ref == null) {
      return response;
    }
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    return openApi.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
  }

  /** Every resource method as "n /api/path" → lower-case HTTP method. */
  private static Map<String, String> operations() {
    Map<String, String> operations = new java.util.LinkedHashMap<>();
    int n = 0;
    for (Class<?> resource : RESOURCES) {
      String root = "/api/" + resource.getAnnotation(Path.class).value();
      for (Method method : resource.getDeclaredMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        Path sub = method.getAnnotation(Path.class);
        operations.put(n++ + " " + root + (sub == null ? "" : "/" + sub.value()), verb);
      }
    }
    assertTrue(operations.size() >= 10, "the resource classes have their methods: " + operations);
    return operations;
  }

  private static String verb(Method method) {
    for (Class<? extends java.lang.annotation.Annotation> verb :
        List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
      if (method.isAnnotationPresent(verb)) {
        return verb.getSimpleName().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /** The described {@code path}, with or without the context root before it. */
  private static JsonObject find(JsonObject paths, String path, String contextRoot) {
    String rooted = contextRoot.replaceAll("/$", "") + path;
    return paths.entrySet().stream()
        .filter(e -> e.getKey().equals(path) || e.getKey().equals(rooted))
        .map(e -> e.getValue().asJsonObject())
        .findFirst()
        .orElse(null);
  }
}
