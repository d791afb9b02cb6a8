package io.github.servermanager.actuate;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.servermanager.service.ServerManagerRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.cloud.client.DefaultServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees instance metadata when {@code show-metadata} is {@code when-authorized}, as
 * Spring Boot's environment endpoint decides for its values.
 */
class ServerManagerEndpointWebExtensionTests {

	private final ServerManagerRegistry registry = new ServerManagerRegistry();

	private final ServerManagerEndpoint endpoint = new ServerManagerEndpoint(this.registry, Show.WHEN_AUTHORIZED);

	private RunningService running;

	@BeforeEach
	void startService() {
		this.running = RunningService.start(this.registry, "svc", List.of(),
				new DefaultServiceInstance("one", "svc", "127.0.0.1", 9001, false, Map.of("zone", "eu-west-1a")));
	}

	@AfterEach
	void stopService() {
		this.running.close();
	}

	@Test
	void anonymousUserDoesNotSeeMetadata() {
		assertThat(metadataSeenBy(SecurityContext.NONE, Set.of())).isNull();
	}

	@Test
	void authenticatedUserSeesMetadataWhenNoRoleIsRequired() {
		assertThat(metadataSeenBy(user("ops"), Set.of())).containsEntry("zone", "eu-west-1a");
	}

	@Test
	void userInARequiredRoleSeesMetadata() {
		assertThat(metadataSeenBy(user("ops", "ADMIN"), Set.of("ADMIN"))).containsEntry("zone", "eu-west-1a");
	}

	@Test
	void userWithoutARequiredRoleDoesNotSeeMetadata() {
		assertThat(metadataSeenBy(user("ops", "VIEWER"), Set.of("ADMIN"))).isNull();
	}

	@Test
	void neverHidesMetadataFromEveryone() {
		ServerManagerEndpointWebExtension extension = new ServerManagerEndpointWebExtension(
				new ServerManagerEndpoint(this.registry, Show.NEVER), Show.NEVER, Set.of());
		assertThat(extension.services(user("ops", "ADMIN")).services().get("svc").servers().get(0).metadata()).isNull();
	}

	private @Nullable Map<String, String> metadataSeenBy(SecurityContext securityContext, Set<String> roles) {
		ServerManagerEndpointWebExtension extension = new ServerManagerEndpointWebExtension(this.endpoint,
				Show.WHEN_AUTHORIZED, roles);
		ServiceDescriptor service = extension.service(securityContext, "svc").getBody();
		assertThat(service).isNotNull();
		return service.servers().get(0).metadata();
	}

	private static SecurityContext user(String name, String... roles) {
		Set<String> granted = Set.of(roles);
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> name;
			}

			@Override
			public boolean isUserInRole(String role) {
				return granted.contains(role);
			}

		};
	}

}
