package io.github.servermanager.benchmarks.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.servermanager.benchmarks.clientapp.Balancer;
import io.github.servermanager.benchmarks.clientapp.BenchmarkClientApplication;
import io.github.servermanager.loadbalancer.FrontServerLoadBalancer;
import io.github.servermanager.service.ServerManagerRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultRequestContext;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One full {@code choose()} as a blocking client makes it
 * ({@code Mono.from(choose).block()}, what {@code BlockingLoadBalancerClient} does),
 * through the balancer and supplier chain each application context really built: the
 * starter's, and Spring Cloud LoadBalancer's default (round robin over the discovery
 * client with caching) in an identical application with the starter switched off. Retry
 * is off, so neither chain carries Spring's retry-aware supplier.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ChooseBenchmark {

	@Param({ "3", "100" })
	public int instances;

	private final Request<?> request = new DefaultRequest<>(new DefaultRequestContext());

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private ReactiveLoadBalancer<ServiceInstance> serverManager;

	private ReactiveLoadBalancer<ServiceInstance> springRoundRobin;

	@Setup
	public void setUp() {
		List<String> uris = new ArrayList<>();
		for (int i = 0; i < this.instances; i++) {
			// Nothing listens there: choose() never connects.
			uris.add("http://127.0.0.1:" + (20000 + i));
		}
		ConfigurableApplicationContext ours = start(uris, Balancer.SERVER_MANAGER);
		ConfigurableApplicationContext spring = start(uris, Balancer.SPRING_ROUND_ROBIN);
		this.serverManager = balancer(ours, FrontServerLoadBalancer.class);
		this.springRoundRobin = balancer(spring, RoundRobinLoadBalancer.class);
		awaitManagedServers(ours);
		for (int i = 0; i < 10; i++) {
			require(serverManager(), "server manager");
			require(springRoundRobin(), "Spring round robin");
		}
		System.out.println("server manager chain: " + chain(ours));
		System.out.println("Spring round robin chain: " + chain(spring));
	}

	@TearDown
	public void tearDown() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Benchmark
	public Response<ServiceInstance> serverManager() {
		return Mono.from(this.serverManager.choose(this.request)).block();
	}

	@Benchmark
	public Response<ServiceInstance> springRoundRobin() {
		return Mono.from(this.springRoundRobin.choose(this.request)).block();
	}

	private ConfigurableApplicationContext start(List<String> uris, Balancer balancer) {
		List<String> properties = new ArrayList<>(List.of(balancer.properties()));
		properties.add("spring.cloud.loadbalancer.retry.enabled=false");
		ConfigurableApplicationContext context = BenchmarkClientApplication.start(uris,
				properties.toArray(String[]::new));
		this.contexts.add(context);
		return context;
	}

	private static ReactiveLoadBalancer<ServiceInstance> balancer(ConfigurableApplicationContext context,
			Class<?> expected) {
		ReactiveLoadBalancer<ServiceInstance> balancer = context.getBean(LoadBalancerClientFactory.class)
			.getInstance(BenchmarkClientApplication.SERVICE);
		if (!expected.isInstance(balancer)) {
			throw new IllegalStateException("Expected a " + expected.getSimpleName() + " but the context built "
					+ ((balancer != null) ? balancer.getClass().getName() : "none"));
		}
		return balancer;
	}

	/** The manager learns membership off the request path; measure once it has. */
	private void awaitManagedServers(ConfigurableApplicationContext context) {
		ServerManagerRegistry registry = context.getBean(ServerManagerRegistry.class);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (registry.find(BenchmarkClientApplication.SERVICE)
			.map((service) -> service.manager().numServers())
			.orElse(0) < this.instances) {
			serverManager();
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(
						"The server manager did not learn the " + this.instances + " instances within 30 s");
			}
			LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
		}
	}

	private static void require(Response<ServiceInstance> response, String balancer) {
		if (response == null || !response.hasServer()) {
			throw new IllegalStateException(balancer + " chose no instance");
		}
	}

	private static String chain(ConfigurableApplicationContext context) {
		ServiceInstanceListSupplier supplier = context.getBean(LoadBalancerClientFactory.class)
			.getInstance(BenchmarkClientApplication.SERVICE, ServiceInstanceListSupplier.class);
		StringBuilder chain = new StringBuilder();
		while (supplier != null) {
			chain.append((chain.length() > 0) ? " -> " : "").append(supplier.getClass().getSimpleName());
			supplier = (supplier instanceof DelegatingServiceInstanceListSupplier delegating) ? delegating.getDelegate()
					: null;
		}
		return chain.toString();
	}

}
