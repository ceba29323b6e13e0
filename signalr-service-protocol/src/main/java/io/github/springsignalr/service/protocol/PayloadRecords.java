package io.github.springsignalr.service.protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

/**
 * {@code equals}, {@code hashCode} and {@code toString} for the message records that hold byte arrays, written once:
 * a record's own methods would compare an array by identity and print it as {@code [B@1b6d3586}. Here a byte array,
 * and each value of a map of payloads, is compared by content and described by its length only; every other component
 * is treated as a record's own methods treat it, in the order of the record's components.
 */
final class PayloadRecords {

	private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {

		@Override
		protected List<Component> computeValue(Class<?> type) {
			return Arrays.stream(type.getRecordComponents()).map(Component::new).toList();
		}

	};

	private PayloadRecords() {
	}

	static boolean equals(Record record, @Nullable Object other) {
		if (other == null || other.getClass() != record.getClass()) {
			return false;
		}
		for (Component component : COMPONENTS.get(record.getClass())) {
			if (!component.equal(component.value(record), component.value(other))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The hash {@link Objects#hash} gives of the components, an array counting as its content's hash.
	 */
	static int hashCode(Record record) {
		int hash = 1;
		for (Component component : COMPONENTS.get(record.getClass())) {
			hash = 31 * hash + component.hash(component.value(record));
		}
		return hash;
	}

	static String toString(Record record) {
		StringJoiner joiner = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
		for (Component component : COMPONENTS.get(record.getClass())) {
			joiner.add(component.name + "=" + component.describe(component.value(record)));
		}
		return joiner.toString();
	}

	private enum Kind {

		VALUE, BYTES, PAYLOADS

	}

	private static final class Component {

		private final String name;

		private final Kind kind;

		private final MethodHandle accessor;

		Component(RecordComponent component) {
			this.name = component.getName();
			this.kind = kind(component);
			try {
				this.accessor = MethodHandles.lookup()
					.unreflect(component.getAccessor())
					.asType(MethodType.methodType(Object.class, Object.class));
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException("Cannot read " + component, ex);
			}
		}

		private static Kind kind(RecordComponent component) {
			if (component.getType() == byte[].class) {
				return Kind.BYTES;
			}
			return (component.getGenericType() instanceof ParameterizedType map && map.getRawType() == Map.class
					&& map.getActualTypeArguments()[1] == byte[].class) ? Kind.PAYLOADS : Kind.VALUE;
		}

		@Nullable Object value(Object record) {
			try {
				return this.accessor.invokeExact(record);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException("Cannot read " + this.name, ex);
			}
		}

		boolean equal(@Nullable Object a, @Nullable Object b) {
			return switch (this.kind) {
				case BYTES -> Arrays.equals((byte @Nullable []) a, (byte @Nullable []) b);
				case PAYLOADS -> ProtocolValues.payloadsEqual(payloads(a), payloads(b));
				case VALUE -> Objects.equals(a, b);
			};
		}

		int hash(@Nullable Object value) {
			return switch (this.kind) {
				case BYTES -> Arrays.hashCode((byte @Nullable []) value);
				case PAYLOADS -> ProtocolValues.payloadsHash(payloads(value));
				case VALUE -> Objects.hashCode(value);
			};
		}

		String describe(@Nullable Object value) {
			return switch (this.kind) {
				case BYTES -> ProtocolValues.describe((byte @Nullable []) value);
				case PAYLOADS -> ProtocolValues.describe(payloads(value));
				case VALUE -> String.valueOf(value);
			};
		}

		@SuppressWarnings("unchecked")
		private static Map<String, byte[]> payloads(@Nullable Object value) {
			return (Map<String, byte[]>) Objects.requireNonNull(value);
		}

	}

}
