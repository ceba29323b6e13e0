package io.github.springsignalr.upstream;

import java.util.Set;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link SignalRConnected}, {@link SignalRDisconnected} and {@link SignalRMessage} methods of the
 * application's beans once every singleton is created, and registers them with the {@link UpstreamEventDispatcher},
 * as Spring's {@code EventListenerMethodProcessor} does for {@code @EventListener}. A bean is only asked for when its
 * class has such a method.
 */
public class UpstreamHandlerMethodProcessor implements SmartInitializingSingleton {

	private static final Set<Class<? extends java.lang.annotation.Annotation>> ANNOTATIONS = Set
		.of(SignalRConnected.class, SignalRDisconnected.class, SignalRMessage.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final UpstreamEventDispatcher dispatcher;

	public UpstreamHandlerMethodProcessor(ConfigurableListableBeanFactory beanFactory,
			UpstreamEventDispatcher dispatcher) {
		this.beanFactory = beanFactory;
		this.dispatcher = dispatcher;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.beanFactory.getBeanNamesForType(Object.class, false, false)) {
			if (ScopedProxyUtils.isScopedTarget(name)) {
				continue;
			}
			Class<?> type = AutoProxyUtils.determineTargetClass(this.beanFactory, name);
			if (type != null && hasHandlerMethods(type)) {
				this.dispatcher.register(this.beanFactory.getBean(name));
			}
		}
	}

	private static boolean hasHandlerMethods(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, ANNOTATIONS) || isSpringContainerClass(type)) {
			return false;
		}
		return !MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Boolean>) (method) -> {
			for (Class<? extends java.lang.annotation.Annotation> annotation : ANNOTATIONS) {
				if (AnnotatedElementUtils.hasAnnotation(method, annotation)) {
					return Boolean.TRUE;
				}
			}
			return null;
		}).isEmpty();
	}

	/**
	 * Spring's own infrastructure (most of an application's beans): its methods are not looked through at start-up,
	 * as Spring's {@code EventListenerMethodProcessor} does not look through them for {@code @EventListener}.
	 */
	private static boolean isSpringContainerClass(Class<?> type) {
		return type.getName().startsWith("org.springframework.")
				&& !AnnotatedElementUtils.isAnnotated(ClassUtils.getUserClass(type), Component.class);
	}

}
