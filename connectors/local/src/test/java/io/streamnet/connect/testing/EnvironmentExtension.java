package io.streamnet.connect.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link KafkaRegistryEnvironment} parameters. One environment is shared by every test class of a run
 * (closed when the run ends); a class marked {@link OwnEnvironment} gets its own, closed after the class.
 */
abstract class EnvironmentExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EnvironmentExtension.class);

    /** Starts a new environment of this extension's kind. */
    abstract KafkaRegistryEnvironment start();

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaRegistryEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        boolean own = testClass.isAnnotationPresent(OwnEnvironment.class);
        ExtensionContext scope = own ? classContext(context) : context.getRoot();
        // Stores look values up in their parents too: an own environment needs a key the shared one does not use.
        String key = getClass().getName() + (own ? "/own/" + testClass.getName() : "/shared");
        // The store closes AutoCloseable values when its context ends: the class, or the whole run.
        return scope.getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> start(), KafkaRegistryEnvironment.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }
}
