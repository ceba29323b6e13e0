package io.github.springsignalr.upstream;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

/**
 * Ahead of time, for a native image: registers a {@link SignalRMessage} method for invocation and the types Jackson
 * reads its arguments into and writes its result from (the value of a {@link CompletionStage}), as Spring's
 * {@code MessageMappingReflectiveProcessor} does for {@code @MessageMapping}. Spring applies it to every bean whose
 * class has such a method, through {@code @Reflective} on the annotation.
 */
class UpstreamHandlerReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		super.registerMethodHint(hints, method);
		for (int i = 0; i < method.getParameterCount(); i++) {
			if (method.getParameterTypes()[i] != InvocationContext.class) {
				this.bindings.registerReflectionHints(hints,
						ResolvableType.forMethodParameter(new MethodParameter(method, i)).getType());
			}
		}
		ResolvableType result = ResolvableType.forMethodReturnType(method);
		if (CompletionStage.class.isAssignableFrom(method.getReturnType())) {
			result = result.as(CompletionStage.class).getGeneric(0);
		}
		Class<?> resolved = result.resolve();
		if (resolved != null && resolved != void.class && resolved != Void.class) {
			this.bindings.registerReflectionHints(hints, result.getType());
		}
	}

}
