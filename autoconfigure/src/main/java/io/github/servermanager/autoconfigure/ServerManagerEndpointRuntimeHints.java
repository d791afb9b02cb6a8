package io.github.servermanager.autoconfigure;

import io.github.servermanager.actuate.ApertureDescriptor;
import io.github.servermanager.actuate.FailureDescriptor;
import io.github.servermanager.actuate.InvalidOperationDescriptor;
import io.github.servermanager.actuate.RebalanceDescriptor;
import io.github.servermanager.actuate.ServerDescriptor;
import io.github.servermanager.actuate.ServerManagerDescriptor;
import io.github.servermanager.actuate.ServiceDescriptor;
import io.github.servermanager.actuate.ShareDescriptor;
import io.github.servermanager.actuate.SliceDescriptor;
import io.github.servermanager.actuate.ZoneDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image needs to answer the {@code servermanager} endpoint: JSON
 * serialization of every descriptor it returns, and binding of its properties.
 * <p>
 * Spring Boot registers the return types its endpoint operations declare, but the write
 * operation declares only {@code OperationResponseBody}: the 400 answer to an unknown
 * operation ({@link InvalidOperationDescriptor}) would be found by no one else. The other
 * descriptors are listed too, so that the endpoint does not depend on how Boot walks the
 * generics of {@code WebEndpointResponse}.
 */
class ServerManagerEndpointRuntimeHints implements RuntimeHintsRegistrar {

	private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingHints.registerReflectionHints(hints.reflection(), ServerManagerDescriptor.class,
				ServiceDescriptor.class, ServerDescriptor.class, RebalanceDescriptor.class, FailureDescriptor.class,
				ZoneDescriptor.class, ApertureDescriptor.class, ShareDescriptor.class, SliceDescriptor.class,
				InvalidOperationDescriptor.class);
		BindableRuntimeHintsRegistrar.forTypes(ServerManagerEndpointProperties.class).registerHints(hints, classLoader);
	}

}
