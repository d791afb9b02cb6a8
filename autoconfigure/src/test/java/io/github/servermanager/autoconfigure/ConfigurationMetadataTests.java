package io.github.servermanager.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's metadata documents every key, so IDEs can show it.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyKeyHasADescription() throws Exception {
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			Map<String, Object> metadata = JsonMapper.builder().build().readValue(in, Map.class);
			List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
			assertThat(properties).extracting((property) -> property.get("name"))
				.contains("server-manager.enabled", "server-manager.scheduling.enabled", "server-manager.min-reuse",
						"server-manager.conns-per-sec-per-server", "server-manager.cluster-size", "server-manager.ping",
						"server-manager.health-path", "server-manager.ping-timeout", "server-manager.failure-statuses",
						"server-manager.membership-refresh", "server-manager.services",
						"server-manager.connection-max-idle-time")
				.doesNotContain("server-manager.close-idle-connections", "server-manager.idle-connection-grace",
						"server-manager.ping-through-client", "server-manager.jdk-http-client.keep-alive-timeout");
			assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
				.as("description of %s", property.get("name"))
				.isNotBlank());
		}
	}

}
