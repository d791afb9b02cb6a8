package io.github.servermanager.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image needs to bind {@link ServerManagerProperties}. Spring Boot
 * registers the hints of an enabled properties bean itself, but the starter also binds
 * the per-service overrides ({@code server-manager.services.<id>.*}) on its own, when a
 * service's load balancer starts, and that binding must not depend on the bean's hints.
 */
class ServerManagerRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(ServerManagerProperties.class).registerHints(hints, classLoader);
	}

}
