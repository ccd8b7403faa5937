package io.streamnet.connect.testing;

/** Provides a {@link LocalKafkaRegistryEnvironment}: in-process broker, registry server as a child process. */
public final class LocalEnvironmentExtension extends EnvironmentExtension {

    @Override
    KafkaRegistryEnvironment start() {
        return LocalKafkaRegistryEnvironment.start();
    }
}
