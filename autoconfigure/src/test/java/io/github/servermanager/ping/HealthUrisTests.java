package io.github.servermanager.ping;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The health URI of an instance follows what its discovery metadata announces.
 */
class HealthUrisTests {

	private final HealthUris uris = new HealthUris("/actuator/health", "management.port");

	@Test
	void plainInstanceWithoutMetadataIsPingedOnItsPortAndTheConfiguredPath() {
		assertThat(this.uris.of(instance(false, Map.of()))).hasToString("http://backend.local:8080/actuator/health");
	}

	@Test
	void secureInstanceIsPingedOverHttps() {
		assertThat(this.uris.of(instance(true, Map.of()))).hasToString("https://backend.local:8080/actuator/health");
	}

	@Test
	void ipv6HostIsBracketed() {
		ServiceInstance v6 = new DefaultServiceInstance("v6", "backend", "::1", 8080, false);
		assertThat(this.uris.of(v6)).hasToString("http://[::1]:8080/actuator/health");
	}

	@Test
	void eurekasManagementPortIsPinged() {
		assertThat(this.uris.of(instance(false, Map.of("management.port", "9090"))))
			.hasToString("http://backend.local:9090/actuator/health");
	}

	@Test
	void configuredMetadataKeyNamesThePort() {
		HealthUris custom = new HealthUris("/health", "admin-port");
		assertThat(custom.of(instance(false, Map.of("admin-port", "7000", "management.port", "9090"))))
			.hasToString("http://backend.local:7000/health");
	}

	@Test
	void portThatIsNotANumberFallsBackToTheInstancePort() {
		assertThat(this.uris.of(instance(false, Map.of("management.port", "eighty"))))
			.hasToString("http://backend.local:8080/actuator/health");
		assertThat(this.uris.of(instance(false, Map.of("management.port", "70000"))))
			.hasToString("http://backend.local:8080/actuator/health");
	}

	@Test
	void managementContextPathReplacesTheConfiguredPath() {
		assertThat(this.uris.of(instance(false, Map.of("management.context-path", "/manage/"))))
			.hasToString("http://backend.local:8080/manage/health");
	}

	@Test
	void absoluteHealthPathInTheMetadataIsPinged() {
		assertThat(this.uris.of(instance(false, Map.of("health.path", "/status", "management.context-path", "/m"))))
			.hasToString("http://backend.local:8080/status");
	}

	@Test
	void relativeHealthPathIsUnderTheManagementContextPath() {
		assertThat(this.uris.of(instance(false, Map.of("health.path", "ping", "management.context-path", "/m"))))
			.hasToString("http://backend.local:8080/m/ping");
		assertThat(this.uris.of(instance(false, Map.of("health.path", "ping"))))
			.hasToString("http://backend.local:8080/actuator/ping");
	}

	@Test
	void healthPathWithoutLeadingSlashIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new HealthUris("actuator/health", "management.port"))
			.withMessageContaining("healthPath")
			.withMessageContaining("actuator/health");
	}

	private static ServiceInstance instance(boolean secure, Map<String, String> metadata) {
		return new DefaultServiceInstance("b1", "backend", "backend.local", 8080, secure, metadata);
	}

}
