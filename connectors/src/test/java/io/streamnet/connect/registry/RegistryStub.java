package io.streamnet.connect.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A tiny local HTTP(S) server standing in for a registry in unit tests of the client's HTTP behaviour: it records
 * every request and answers with whatever the test's handler says.
 */
final class RegistryStub implements AutoCloseable {

  record Request(String method, String pathAndQuery, String contentType, String authorization, String body) {}

  record Response(int status, String body) {
    static Response json(String body) {
      return new Response(200, body);
    }

    static Response error(int status, int code, String message) {
      return new Response(status, "{\"error_code\":" + code + ",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> handler = r -> new Response(500, "no handler");

  private RegistryStub(HttpServer server) {
    this.server = server;
    server.createContext("/", this::handle);
    server.start();
  }

  static RegistryStub http() {
    try {
      return new RegistryStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RegistryStub https(SSLContext context, boolean needClientCertificate) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(context) {
        @Override
        public void configure(HttpsParameters params) {
          SSLParameters ssl = context.getDefaultSSLParameters();
          ssl.setNeedClientAuth(needClientCertificate);
          params.setSSLParameters(ssl);
        }
      });
      return new RegistryStub(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RegistryStub answer(Function<Request, Response> newHandler) {
    this.handler = newHandler;
    return this;
  }

  String url(String basePath) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://localhost:" + server.getAddress().getPort() + basePath;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
        exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization"),
        body);
    requests.add(request);
    Response response = handler.apply(request);
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
