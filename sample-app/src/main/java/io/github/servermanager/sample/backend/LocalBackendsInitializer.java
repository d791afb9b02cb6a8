package io.github.servermanager.sample.backend;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the sample's own backends before the context refreshes, so that their random
 * ports are known when Spring Cloud binds the SimpleDiscoveryClient properties.
 * <p>
 * {@code sample.local-backends} says how many (3 by default, 0 in the {@code external}
 * profile). The backends become the bean {@link LocalBackends}, which the context closes
 * on shutdown.
 */
public class LocalBackendsInitializer implements ApplicationContextInitializer<GenericApplicationContext> {

	static final String COUNT_PROPERTY = "sample.local-backends";

	@Override
	public void initialize(GenericApplicationContext context) {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// Spring AOT at build time only records bean definitions: no backend to
			// start,
			// and a bean made by a lambda cannot be written as code. An AOT-processed run
			// still calls this initializer, which then registers the bean as usual.
			return;
		}
		ConfigurableEnvironment environment = context.getEnvironment();
		int count = environment.getProperty(COUNT_PROPERTY, Integer.class, 3);
		LocalBackends backends = LocalBackends.start(count);
		if (!backends.all().isEmpty()) {
			// First, so that the running ports win over anything a profile lists for the
			// same service.
			environment.getPropertySources()
				.addFirst(new MapPropertySource("sampleLocalBackends", backends.discoveryProperties()));
		}
		context.registerBean(LocalBackends.class, () -> backends);
	}

}
