package dev.taxiplatform.deploy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Kubernetes API request as RBAC sees it.
 *
 * @param group API group ("" for the core group)
 * @param resource resource, with its subresource ("pods/log", "deployments/scale")
 * @param verb RBAC verb
 * @param namespace namespace of the request
 */
record ApiCall(String group, String resource, String verb, String namespace) {
  private static final Pattern PATH =
      Pattern.compile(
          "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)/namespaces/(?<ns>[^/]+)/(?<resource>[^/?]+)"
              + "(?:/(?<name>[^/?]+))?(?:/(?<sub>[^/?]+))?(?:\\?(?<query>.*))?$");

  /** The call an HTTP request to the API server makes. */
  static ApiCall of(String method, String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a namespaced API path: " + path);
    }
    String group = m.group("group") == null ? "" : m.group("group");
    String resource = m.group("resource") + (m.group("sub") == null ? "" : "/" + m.group("sub"));
    boolean named = m.group("name") != null;
    String query = m.group("query") == null ? "" : m.group("query");
    String verb =
        switch (method.toUpperCase(Locale.ROOT)) {
          case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> throw new IllegalArgumentException("unexpected method " + method);
        };
    return new ApiCall(group, resource, verb, m.group("ns"));
  }
}
