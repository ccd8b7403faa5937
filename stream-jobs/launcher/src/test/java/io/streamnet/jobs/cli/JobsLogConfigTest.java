package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** The launcher's log configuration: a clean recovery logs no ERROR, and other committer errors still show. */
class JobsLogConfigTest {
  static final String COMMITTER = "org.apache.flink.connector.kafka.sink.internal.KafkaCommitter";

  static Filter.Result filter(Configuration conf, String message) {
    LoggerConfig config = conf.getLoggerConfig(COMMITTER);
    Log4jLogEvent event = Log4jLogEvent.newBuilder().setLoggerName(COMMITTER).setLevel(Level.ERROR)
        .setMessage(new SimpleMessage(message)).build();
    return config.getFilter() == null ? Filter.Result.NEUTRAL : config.getFilter().filter(event);
  }

  @Test
  void theCommittersExpectedFencingOnRecoveryIsLeftOutAndItsOtherErrorsAreNot() {
    // Read apart from the test JVM's own logging: a configuration of its own, not installed anywhere.
    XmlConfiguration conf = new XmlConfiguration(new LoggerContext("jobs-log-config-test"),
        ConfigurationSource.fromResource(StreamNetCli.LOG_CONFIG, getClass().getClassLoader()));
    conf.initialize();
    try {
      assertEquals(Filter.Result.DENY, filter(conf, "Unable to commit transaction (CommitRequestImpl{...}) because its"
          + " producer is already fenced. This means that you either have a different producer with the same"
          + " 'transactional.id' ... In both cases this most likely signals data loss"));
      assertEquals(Filter.Result.NEUTRAL, filter(conf, "Transaction ... encountered error and data has been lost."));
      assertEquals(COMMITTER, conf.getLoggerConfig(COMMITTER).getName());
    } finally {
      conf.stop();
    }
  }
}
