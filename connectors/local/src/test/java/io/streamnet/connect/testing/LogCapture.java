package io.streamnet.connect.testing;

import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Captures what this JVM logs at INFO and above while open, from StreamNet, Kafka (its clients print their settings
 * at INFO) and Flink, so that a test can look for secrets in it. Kafka's and Flink's events go only here meanwhile
 * (the console keeps its usual quiet); closing restores the test log configuration.
 *
 * <p>Log4j's core is a runtime dependency of the modules (their binding), not a compile-time one: it is reached by
 * reflection.
 */
public final class LogCapture implements AutoCloseable {
  private static final List<String> LIBRARIES = List.of("org.apache.kafka", "kafka", "org.apache.flink");
  private static final List<String> OURS = List.of("io.streamnet", "");

  private final StringWriter text = new StringWriter();
  private final Object context;

  private LogCapture(Object context) {
    this.context = context;
  }

  public static LogCapture start() {
    try {
      Class<?> logManager = Class.forName("org.apache.logging.log4j.LogManager");
      Object context = logManager.getMethod("getContext", boolean.class).invoke(null, false);
      LogCapture capture = new LogCapture(context);
      capture.attach();
      return capture;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("log capture needs Log4j 2 core as the SLF4J binding", e);
    }
  }

  private void attach() throws ReflectiveOperationException {
    ClassLoader cl = context.getClass().getClassLoader();
    Object config = context.getClass().getMethod("getConfiguration").invoke(context);
    Class<?> layoutClass = Class.forName("org.apache.logging.log4j.core.layout.PatternLayout", true, cl);
    Object layout = layoutClass.getMethod("createDefaultLayout").invoke(null);
    Class<?> stringLayout = Class.forName("org.apache.logging.log4j.core.StringLayout", true, cl);
    Class<?> filter = Class.forName("org.apache.logging.log4j.core.Filter", true, cl);
    Class<?> writerAppender = Class.forName("org.apache.logging.log4j.core.appender.WriterAppender", true, cl);
    Object appender = writerAppender.getMethod("createAppender", stringLayout, filter, java.io.Writer.class,
        String.class, boolean.class, boolean.class).invoke(null, layout, null, text, "streamnet-log-capture", false, true);
    appender.getClass().getMethod("start").invoke(appender);
    Class<?> appenderClass = Class.forName("org.apache.logging.log4j.core.Appender", true, cl);
    Class<?> configClass = Class.forName("org.apache.logging.log4j.core.config.Configuration", true, cl);
    configClass.getMethod("addAppender", appenderClass).invoke(config, appender);
    Class<?> levelClass = Class.forName("org.apache.logging.log4j.Level", true, cl);
    Object info = levelClass.getField("INFO").get(null);
    Class<?> loggerConfigClass = Class.forName("org.apache.logging.log4j.core.config.LoggerConfig", true, cl);
    Method addRef = loggerConfigClass.getMethod("addAppender", appenderClass, levelClass, filter);
    for (String name : LIBRARIES) {
      // INFO, and not additive: here only, the console untouched.
      Object lc = ((java.util.Map<?, ?>) configClass.getMethod("getLoggers").invoke(config)).get(name);
      if (lc == null) {
        lc = loggerConfigClass.getConstructor(String.class, levelClass, boolean.class).newInstance(name, info, false);
        configClass.getMethod("addLogger", String.class, loggerConfigClass).invoke(config, name, lc);
      }
      loggerConfigClass.getMethod("setLevel", levelClass).invoke(lc, info);
      loggerConfigClass.getMethod("setAdditive", boolean.class).invoke(lc, false);
      addRef.invoke(lc, appender, null, null);
    }
    for (String name : OURS) {
      Object lc = configClass.getMethod("getLoggerConfig", String.class).invoke(config, name);
      addRef.invoke(lc, appender, null, null);
    }
    context.getClass().getMethod("updateLoggers").invoke(context);
  }

  /** Everything captured so far. */
  public String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  @Override
  public void close() {
    try {
      context.getClass().getMethod("reconfigure").invoke(context);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("could not restore the log configuration", e);
    }
  }
}
