package io.github.servermanager.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.function.Predicate;

import io.github.servermanager.actuate.ApertureDescriptor;
import io.github.servermanager.actuate.FailureDescriptor;
import io.github.servermanager.actuate.InvalidOperationDescriptor;
import io.github.servermanager.actuate.RebalanceDescriptor;
import io.github.servermanager.actuate.ServerDescriptor;
import io.github.servermanager.actuate.ServerManagerDescriptor;
import io.github.servermanager.actuate.ServiceDescriptor;
import io.github.servermanager.actuate.ShareDescriptor;
import io.github.servermanager.actuate.SliceDescriptor;
import io.github.servermanager.actuate.ZoneDescriptor;
import io.github.servermanager.service.ServerManagerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.composite.CompositeDiscoveryClientAutoConfiguration;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints a native image of an application with the starter needs: what the
 * registrars declare, and that Spring's AOT processing of the auto-configuration picks
 * them up.
 */
class ServerManagerRuntimeHintsTests {

	@Test
	void everyEndpointDescriptorCanBeWrittenAsJson() {
		RuntimeHints hints = new RuntimeHints();
		new ServerManagerEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(hints).matches(jsonWritable(ServerManagerDescriptor.class, "services"))
			.matches(jsonWritable(ServiceDescriptor.class, "serviceId", "servers", "lastRebalance", "lastFailure",
					"zone", "aperture"))
			.matches(jsonWritable(ServerDescriptor.class, "instanceId", "host", "port", "metadata"))
			.matches(jsonWritable(RebalanceDescriptor.class, "at", "outcome", "server", "pings"))
			.matches(jsonWritable(FailureDescriptor.class, "at", "server", "reason", "detail"))
			.matches(jsonWritable(ZoneDescriptor.class, "localZone", "frontZone", "local"))
			.matches(jsonWritable(ApertureDescriptor.class, "servers", "slice"))
			.matches(jsonWritable(ShareDescriptor.class, "server", "share"))
			.matches(jsonWritable(SliceDescriptor.class, "index", "clients", "start", "end"));
	}

	@Test
	void theAnswerToAnUnknownOperationCanBeWrittenAsJson() {
		RuntimeHints hints = new RuntimeHints();
		new ServerManagerEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(hints).matches(jsonWritable(InvalidOperationDescriptor.class, "error", "validOperations"));
	}

	@Test
	void theEndpointPropertiesCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new ServerManagerEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(hints).matches(bindable(ServerManagerEndpointProperties.class, "setShowMetadata", "setRoles"));
	}

	@Test
	void theGlobalAndPerServicePropertiesCanBeBound() {
		RuntimeHints hints = new RuntimeHints();
		new ServerManagerRuntimeHints().registerHints(hints, getClass().getClassLoader());

		assertThat(hints)
			.matches(bindable(ServerManagerProperties.class, "setEnabled", "setMinReuse", "setPing", "setServices"))
			.matches(bindable(ServiceProperties.class, "setMinReuse", "setPing", "setSecure"));
	}

	@Test
	void aheadOfTimeProcessingOfTheAutoConfigurationCollectsTheHints() {
		RuntimeHints hints = processAheadOfTime(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(UtilAutoConfiguration.class,
					SimpleDiscoveryClientAutoConfiguration.class, CompositeDiscoveryClientAutoConfiguration.class,
					LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class,
					EndpointAutoConfiguration.class, ServerManagerEndpointAutoConfiguration.class))
			.withPropertyValues("spring.application.name=client",
					"management.endpoints.web.exposure.include=servermanager"));

		assertThat(hints).matches(jsonWritable(InvalidOperationDescriptor.class, "error", "validOperations"))
			.matches(jsonWritable(ServiceDescriptor.class, "serviceId"))
			.matches(bindable(ServiceProperties.class, "setPing"))
			.matches(bindable(ServerManagerEndpointProperties.class, "setShowMetadata"));
	}

	@Test
	void anEndpointThatIsNotConfiguredAddsNoHint() {
		ApplicationContextRunner endpoint = new ApplicationContextRunner().withConfiguration(
				AutoConfigurations.of(EndpointAutoConfiguration.class, ServerManagerEndpointAutoConfiguration.class));

		assertThat(processAheadOfTime(endpoint.withBean(ServerManagerRegistry.class)))
			.matches(jsonWritable(InvalidOperationDescriptor.class, "error"));
		assertThat(processAheadOfTime(endpoint)).as("without a server manager")
			.matches(jsonWritable(InvalidOperationDescriptor.class, "error").negate());
	}

	private static RuntimeHints processAheadOfTime(ApplicationContextRunner runner) {
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(ServerManagerRuntimeHintsTests.class)),
				new InMemoryGeneratedFiles());
		runner.prepare((context) -> new ApplicationContextAotGenerator()
			.processAheadOfTime((GenericApplicationContext) context.getSourceApplicationContext(), generation));
		return generation.getRuntimeHints();
	}

	/**
	 * Whether Jackson may create the record and call the accessors of the named
	 * components.
	 */
	private static Predicate<RuntimeHints> jsonWritable(Class<? extends Record> type, String... components) {
		Predicate<RuntimeHints> predicate = RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(canonicalConstructor(type));
		for (String component : components) {
			predicate = predicate.and(RuntimeHintsPredicates.reflection().onMethodInvocation(type, component));
		}
		return predicate;
	}

	/**
	 * Whether the binder may create the bean and call the named setters.
	 */
	private static Predicate<RuntimeHints> bindable(Class<?> type, String... setters) {
		Predicate<RuntimeHints> predicate = RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(noArgumentConstructor(type));
		for (String setter : setters) {
			predicate = predicate.and(RuntimeHintsPredicates.reflection().onMethodInvocation(type, setter));
		}
		return predicate;
	}

	private static Constructor<?> canonicalConstructor(Class<? extends Record> type) {
		Class<?>[] parameters = Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			return type.getDeclaredConstructor(parameters);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Constructor<?> noArgumentConstructor(Class<?> type) {
		try {
			return type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
