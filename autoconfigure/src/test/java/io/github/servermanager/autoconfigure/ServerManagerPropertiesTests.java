package io.github.servermanager.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.cloud.commons.config.DefaultsBindHandlerAdvisor;
import org.springframework.cloud.commons.util.UtilAutoConfiguration;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One properties model: the defaults, each service's entry bound onto them, service ids
 * of any shape, and each bad value refused by Spring Boot's binder with its full key.
 */
class ServerManagerPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(UtilAutoConfiguration.class, SimpleDiscoveryClientAutoConfiguration.class,
						LoadBalancerAutoConfiguration.class, ServerManagerAutoConfiguration.class))
		.withPropertyValues("spring.application.name=client");

	@Test
	void aServiceEntryHoldsTheDefaultsForEveryKeyItDoesNotSet() {
		ServerManagerProperties properties = bind(Map.of("server-manager.ping-timeout", "3s",
				"server-manager.min-reuse", "5m", "server-manager.services.backend.min-reuse", "1m"));
		ServiceProperties backend = properties.forService("backend");
		assertThat(backend.getMinReuse()).isEqualTo(Duration.ofMinutes(1));
		assertThat(backend.getPingTimeout()).isEqualTo(Duration.ofSeconds(3));
		assertThat(properties.forService("other")).isSameAs(properties);
		assertThat(properties.forService("other").getMinReuse()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aServiceIdInBracketsIsBoundAsWritten() {
		ServerManagerProperties properties = bind(
				Map.of("server-manager.services.[My.Service].ping", "tcp", "server-manager.ping-timeout", "2s"));
		assertThat(properties.getServices()).containsOnlyKeys("My.Service");
		assertThat(properties.forService("My.Service").getPing()).isEqualTo(PingKind.TCP);
		assertThat(properties.forService("My.Service").getPingTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theApplicationsBeanHasTheSameDefaultsAsTheStaticBinding() {
		this.runner
			.withPropertyValues("server-manager.ping-timeout=3s", "server-manager.services.[My.Service].ping=tcp")
			.run((context) -> {
				ServiceProperties service = context.getBean(ServerManagerProperties.class).forService("My.Service");
				assertThat(service.getPing()).isEqualTo(PingKind.TCP);
				assertThat(service.getPingTimeout()).isEqualTo(Duration.ofSeconds(3));
			});
	}

	@Test
	void connectionIdleBoundDefaultsToAQuarterOfMinReuse() {
		assertThat(bind(Map.of("server-manager.min-reuse", "2m")).connectionMaxIdleTime())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(bind(Map.of("server-manager.connection-max-idle-time", "0")).connectionMaxIdleTime())
			.isEqualTo(Duration.ZERO);
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					server-manager.min-reuse                              | -5s      | must be a positive duration
					server-manager.conns-per-sec-per-server               | 0        | must be a whole number of at least 1
					server-manager.health-path                            | health   | must start with '/'
					server-manager.ping-port-metadata-key                 | " "      | must not be blank
					server-manager.ping-timeout                           | 0s       | must be a positive duration
					server-manager.failure-statuses                       | 503,600  | must be HTTP status codes between 100 and 599
					server-manager.membership-refresh                     | 0s       | must be a positive duration
					server-manager.zone-failover-order                    | "a, ,b"  | must be zone names without blanks
					server-manager.connection-max-idle-time               | -1s      | must be a positive duration, or 0
					server-manager.services.backend.ping-timeout          | -1s      | must be a positive duration
					server-manager.services.backend.failure-statuses      | 99       | must be HTTP status codes between 100 and 599
					server-manager.services.[My.Service].ping-timeout     | 0s       | must be a positive duration
					""")
	void badValueStopsStartUpWithTheKeyAsBoundByBoot(String key, String value, String reason) {
		this.runner.withPropertyValues(key + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			BindValidationException validation = (BindValidationException) NestedExceptionUtils
				.getMostSpecificCause(context.getStartupFailure());
			assertThat(validation.getValidationErrors().getAllErrors()).singleElement().satisfies((error) -> {
				assertThat(error).isInstanceOf(FieldError.class);
				assertThat(error.getDefaultMessage()).startsWith(reason);
			});
			String field = ((FieldError) validation.getValidationErrors().getAllErrors().get(0)).getField();
			assertThat(validation.getValidationErrors().getName().append(DataObjectPropertyName.toDashedForm(field)))
				.hasToString(canonical(key));
			assertThat(context.getStartupFailure()).hasRootCauseInstanceOf(BindValidationException.class);
			assertThat(NestedExceptionUtils.getRootCause(context.getStartupFailure()))
				.isNotInstanceOf(BindException.class);
		});
	}

	/** The form Spring Boot reports a name in: a bracketed map key loses its dot. */
	private static String canonical(String key) {
		return key.replace(".[", "[");
	}

	static ServerManagerProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
			.bind(ServerManagerProperties.PREFIX, Bindable.of(ServerManagerProperties.class),
					new DefaultsBindHandlerAdvisor(ServerManagerProperties.DEFAULTS).apply(BindHandler.DEFAULT))
			.orElseGet(ServerManagerProperties::new);
	}

}
