package io.github.servermanager.loadbalancer;

import java.util.ArrayList;
import java.util.List;

import io.github.servermanager.service.TestServices;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balancer takes the first instance, whatever the list.
 */
class FrontServerLoadBalancerTests {

	@Test
	void choosesTheFirstInstanceEveryTime() {
		List<ServiceInstance> instances = TestServices.instances(3);
		FrontServerLoadBalancer balancer = balancer(new FixedSupplier(instances));
		for (int i = 0; i < 5; i++) {
			assertThat(balancer.choose(new DefaultRequest<>()).block().getServer()).isSameAs(instances.get(0));
		}
	}

	@Test
	void noInstancesGiveAnEmptyResponse() {
		Response<ServiceInstance> response = balancer(new FixedSupplier(List.of())).choose(new DefaultRequest<>())
			.block();
		assertThat(response.hasServer()).isFalse();
	}

	@Test
	void tellsTheSupplierWhichInstanceWasSelected() {
		FixedSupplier supplier = new FixedSupplier(TestServices.instances(2));
		balancer(supplier).choose(new DefaultRequest<>()).block();
		assertThat(supplier.selected).containsExactly(supplier.instances.get(0));
	}

	private static FrontServerLoadBalancer balancer(ServiceInstanceListSupplier supplier) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("supplier", supplier);
		return new FrontServerLoadBalancer(beans.getBeanProvider(ServiceInstanceListSupplier.class),
				TestServices.SERVICE);
	}

	static final class FixedSupplier implements ServiceInstanceListSupplier, SelectedInstanceCallback {

		final List<ServiceInstance> instances;

		final List<ServiceInstance> selected = new ArrayList<>();

		FixedSupplier(List<ServiceInstance> instances) {
			this.instances = instances;
		}

		@Override
		public String getServiceId() {
			return TestServices.SERVICE;
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.just(this.instances);
		}

		@Override
		public void selectedServiceInstance(ServiceInstance serviceInstance) {
			this.selected.add(serviceInstance);
		}

	}

}
