package io.streamnet.connect.testing;

/**
 * Provides a {@link ContainerKafkaRegistryEnvironment}. Put {@code @Testcontainers(disabledWithoutDocker = true)} on
 * the test class as well, so that it is skipped where no Docker engine runs.
 */
public final class ContainerEnvironmentExtension extends EnvironmentExtension {

    @Override
    KafkaRegistryEnvironment start() {
        return ContainerKafkaRegistryEnvironment.start();
    }
}
