package io.github.servermanager.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the {@code servermanager} actuator endpoint. Its access and exposure are
 * Spring Boot's own keys ({@code management.endpoint.servermanager.access},
 * {@code management.endpoints.web.exposure.include}).
 */
@ConfigurationProperties(ServerManagerEndpointProperties.PREFIX)
public class ServerManagerEndpointProperties {

	/** The prefix of the endpoint's keys. */
	public static final String PREFIX = ServerManagerProperties.PREFIX + ".endpoint";

	/**
	 * When to show the metadata of service instances, which may hold internal details
	 * such as zones, versions or credentials: 'never', 'always' or 'when-authorized'.
	 */
	private Show showMetadata = Show.NEVER;

	/**
	 * Roles that may see instance metadata when show-metadata is 'when-authorized'. When
	 * empty, every authenticated user may.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	public Show getShowMetadata() {
		return this.showMetadata;
	}

	public void setShowMetadata(Show showMetadata) {
		this.showMetadata = showMetadata;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

}
