package io.github.servermanager.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code cluster-size} binds from every form it is written in, and refuses the rest.
 */
class ClusterSizeTests {

	@Test
	void autoAndSelfAreCountedAndCaseDoesNotMatter() {
		assertThat(bind("auto").count()).isEqualTo(ClusterSize.Count.ALL_INSTANCES);
		assertThat(bind("Self").count()).isEqualTo(ClusterSize.Count.THIS_APPLICATION);
	}

	@Test
	void numberIsFixed() {
		ClusterSize size = bind(" 40 ");
		assertThat(size.count()).isEqualTo(ClusterSize.Count.FIXED);
		assertThat(size.fixed()).isEqualTo(40);
		assertThat(size).hasToString("40");
	}

	@Test
	void yamlNumberIsFixed() {
		ClusterSize size = new Binder(new MapConfigurationPropertySource(Map.of("server-manager.cluster-size", 12)))
			.bind("server-manager.cluster-size", ClusterSize.class)
			.get();
		assertThat(size).isEqualTo(ClusterSize.of(12));
	}

	@Test
	void defaultIsAuto() {
		assertThat(new ServerManagerProperties().getClusterSize()).isSameAs(ClusterSize.AUTO);
	}

	@Test
	void anythingElseIsRefusedWithTheValidForms() {
		for (String bad : new String[] { "0", "-3", "many", "" }) {
			assertThatExceptionOfType(BindException.class).as(bad)
				.isThrownBy(() -> bind(bad))
				.withMessageContaining("server-manager.cluster-size")
				.havingRootCause()
				.withMessageContaining("at least 1");
		}
	}

	private static ClusterSize bind(String value) {
		return new Binder(new MapConfigurationPropertySource(Map.of("server-manager.cluster-size", value)))
			.bind("server-manager.cluster-size", ClusterSize.class)
			.get();
	}

}
