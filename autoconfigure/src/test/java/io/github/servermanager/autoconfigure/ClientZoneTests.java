package io.github.servermanager.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's zone comes from the first of the keys applications already set.
 */
class ClientZoneTests {

	@Test
	void noKeyMeansZonesAreIgnored() {
		assertThat(ClientZone.of(new MockEnvironment())).isNull();
		assertThat(ClientZone.of(new MockEnvironment().withProperty("spring.cloud.loadbalancer.zone", "  "))).isNull();
	}

	@Test
	void theZoneAnEurekaClientRegistersWithIsTheClientsZone() {
		MockEnvironment environment = new MockEnvironment().withProperty("eureka.instance.metadata-map.zone",
				" zone-e ");
		assertThat(ClientZone.of(environment)).isEqualTo("zone-e");
	}

	@Test
	void springCloudLoadBalancersZoneComesBeforeEurekasAndTheStartersBeforeBoth() {
		MockEnvironment environment = new MockEnvironment().withProperty("eureka.instance.metadata-map.zone", "zone-e")
			.withProperty("spring.cloud.loadbalancer.zone", "zone-l");
		assertThat(ClientZone.of(environment)).isEqualTo("zone-l");
		environment.setProperty("server-manager.zone", "zone-s");
		assertThat(ClientZone.of(environment)).isEqualTo("zone-s");
	}

}
