package io.github.servermanager.autoconfigure;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each kind of bad value is refused with the key that holds it, the value and a valid
 * example.
 */
class ServerManagerSettingsTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					server-manager.tick                                  | 0s       | a positive duration                               | 1s
					server-manager.cluster-size-refresh                  | 0s       | a positive duration                               | 5m
					server-manager.ping-port-metadata-key                | " "      | a non-blank text                                  | management.port
					server-manager.min-reuse                             | -5s      | a positive duration                               | 2m
					server-manager.jitter-fraction                       | 0        | a whole number of at least 1                      | 2
					server-manager.conns-per-sec-per-server              | 0        | a whole number of at least 1                      | 64
					server-manager.health-path                           | health   | a path that starts with '/'                       | /actuator/health
					server-manager.ping-timeout                          | 0s       | a positive duration                               | 1s
					server-manager.failure-statuses                      | 503,600  | a list of HTTP status codes between 100 and 599   | 502,503,504
					server-manager.membership-refresh                    | 0s       | a positive duration                               | 30s
					server-manager.services.backend.ping-timeout         | -1s      | a positive duration                               | 1s
					server-manager.services.backend.jitter-fraction      | 0        | a whole number of at least 1                      | 2
					server-manager.services.backend.failure-statuses     | 99       | a list of HTTP status codes between 100 and 599   | 502,503,504
					server-manager.offline-recheck                       | 0s       | a positive duration                               | 5s
					server-manager.services.backend.offline-recheck      | -2s      | a positive duration                               | 5s
					server-manager.services.[My.Service].ping-timeout    | 0s       | a positive duration                               | 1s
					server-manager.scheduling.max-threads                | 0        | a whole number of at least 1                      | 64
					""")
	void invalidValueIsRefusedWithItsKeyValueAndExample(String key, String value, String requirement, String example) {
		ServerManagerProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(key, value)))
			.bindOrCreate(ServerManagerProperties.PREFIX, ServerManagerProperties.class);
		assertThatExceptionOfType(InvalidServerManagerPropertyException.class)
			.isThrownBy(() -> new ServerManagerSettings(properties))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo(key);
				assertThat(ex.getValue()).isEqualTo(value);
				assertThat(ex.getRequirement()).isEqualTo(requirement);
				assertThat(ex.getExample()).isEqualTo(example);
			});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			server-manager.front-selection                  | SUBSET
			server-manager.services.backend.front-selection | SUBSET
			""")
	void frontSelectionIsReadGloballyAndPerService(String key, FrontSelectionMode expected) {
		ServerManagerProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of(key, "subset", "server-manager.zone-failover-order", "b,c")))
			.bindOrCreate(ServerManagerProperties.PREFIX, ServerManagerProperties.class);
		ServiceConfiguration backend = new ServerManagerSettings(properties).forService("backend");
		assertThat(backend.frontSelection()).isEqualTo(expected);
		assertThat(backend.zoneFailoverOrder()).containsExactly("b", "c");
	}

}
