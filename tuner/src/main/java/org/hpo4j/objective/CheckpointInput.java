package org.hpo4j.objective;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.CodeSource;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a checkpoint's serialized object without trusting it: an {@link ObjectInputFilter} admits
 * the expected class and what it is built from, nothing else, and bounds the stream.
 *
 * <p>Admitted are primitives and arrays of admitted types; JDK value types ({@code String}, boxed
 * numbers, {@code BigInteger}, {@code BigDecimal}, enums); the expected class and, transitively, the
 * declared types of the serialized fields of every admitted class (type arguments included, so a
 * {@code Map<String, double[]>} field admits {@code HashMap} and its contents); implementations of
 * a declared type that come from the declared type's own code source, or, for {@code java.util}
 * interfaces, the JDK's own collections; and where a field says only {@code Object}, the JDK value
 * types, the JDK's lists and classes of the expected class's own code source (the project's
 * classes). Everything else, in particular classes of other libraries (where deserialization
 * gadgets live), is refused before it is instantiated.
 *
 * <p>Limits: the object graph's depth ({@value #MAX_DEPTH}), and references and array lengths to the
 * number of bytes in the stream (each needs at least one byte, so a larger count is a lie that
 * would only allocate). Collections and records, whose hash codes are computed from their
 * contents, may nest at most {@value #MAX_NESTING} deep: nested sets that share their elements
 * (the "SerialDOS" checkpoint) would otherwise cost 2 to the power of their depth in hashing.
 */
final class CheckpointInput extends ObjectInputStream {
    /** How deep the object graph may be: deeper than legitimate training states, shallow enough for the stack. */
    static final long MAX_DEPTH = 200;
    /** How deep collections (and records) may nest within one another. */
    static final int MAX_NESTING = 16;

    private static final Set<Class<?>> VALUES = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, Number.class, BigInteger.class,
            BigDecimal.class, Enum.class);
    /** Classes of the JDK's lists, for fields that say {@code Object}; their hash codes are not computed on reading. */
    private static final Set<String> LISTS = Set.of("java.util.ArrayList", "java.util.LinkedList",
            "java.util.ArrayDeque", "java.util.Arrays$ArrayList", "java.util.Collections$EmptyList",
            "java.util.Collections$SingletonList", "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableCollection");
    /** Further JDK collections, admitted where a declared field type is a supertype of theirs. */
    private static final Set<String> COLLECTIONS = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.EnumMap", "java.util.RegularEnumSet", "java.util.JumboEnumSet", "java.util.EnumSet$SerializationProxy",
            "java.util.CollSer", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
            "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$Segment",
            "java.util.concurrent.CopyOnWriteArrayList", "java.util.Collections$UnmodifiableSet",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableSortedMap",
            "java.util.Collections$UnmodifiableSortedSet", "java.util.Collections$EmptySet",
            "java.util.Collections$EmptyMap", "java.util.Collections$SingletonSet", "java.util.Collections$SingletonMap",
            "java.util.Collections$ReverseComparator", "java.util.Collections$SynchronizedMap",
            "java.util.Collections$SynchronizedList", "java.util.Collections$SynchronizedRandomAccessList",
            "java.util.Collections$SynchronizedSet", "java.util.Collections$SynchronizedCollection");

    private final ClassLoader loader;
    private final CodeSource project;
    /** Types that fields declare, whose subtypes may appear (of their own code source or the JDK's). */
    private final Set<Class<?>> declared = new HashSet<>();
    /** Classes admitted outright. */
    private final Set<Class<?>> admitted = new HashSet<>();
    private boolean anyObject;
    private final long maxCount;
    private final Map<Object, Integer> nesting = new IdentityHashMap<>();
    private String refusal;

    /**
     * A stream over a checkpoint's payload that reads an object of {@code expected}.
     *
     * @param payloadLength the payload's size in bytes, which bounds references and array lengths
     */
    CheckpointInput(InputStream in, Class<?> expected, long payloadLength) throws IOException {
        super(in);
        this.loader = expected.getClassLoader();
        this.project = codeSource(expected);
        this.maxCount = payloadLength + 1;
        admit(expected);
        // a collection as the state itself: its elements may be anything an Object field admits
        anyObject |= expected.getClassLoader() == null
                && (Collection.class.isAssignableFrom(expected) || Map.class.isAssignableFrom(expected));
        setObjectInputFilter(this::check);
        enableResolveObject(true);
    }

    /** Why the filter refused the stream, {@code null} if it did not. */
    String refusal() {
        return refusal;
    }

    private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
        if (info.depth() > MAX_DEPTH) {
            return refuse("objects nested " + info.depth() + " deep (at most " + MAX_DEPTH + ")");
        }
        if (info.references() > maxCount || info.arrayLength() > maxCount) {
            return refuse("more references or array elements than the " + (maxCount - 1) + " bytes in the file can hold");
        }
        Class<?> c = info.serialClass();
        // an array instantiates none of its element class (collections check Object[] and
        // Map.Entry[] before they read their elements); each element is checked as it is read
        if (c == null || c.isArray()) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        if (isAdmitted(c)) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return refuse("class " + c.getName() + " is not what the expected class is built from");
    }

    private ObjectInputFilter.Status refuse(String why) {
        if (refusal == null) {
            refusal = why;
        }
        return ObjectInputFilter.Status.REJECTED;
    }

    private boolean isAdmitted(Class<?> c) {
        if (admitted.contains(c) || VALUES.contains(c) || c.isEnum() || (c.getSuperclass() != null && c.getSuperclass().isEnum())) {
            return true;
        }
        boolean jdk = c.getClassLoader() == null;
        if (anyObject && (jdk ? LISTS.contains(c.getName()) : project != null && project.equals(codeSource(c)))) {
            admit(c);
            return true;
        }
        for (Class<?> d : declared) {
            if (d != c && d.isAssignableFrom(c) && (jdk ? COLLECTIONS.contains(c.getName()) || LISTS.contains(c.getName())
                    : Objects.equals(codeSource(d), codeSource(c)) || (project != null && project.equals(codeSource(c))))) {
                admit(c);
                return true;
            }
        }
        return false;
    }

    /** Admits {@code c}, and declares the types of its serialized fields and of its superclasses'. */
    private void admit(Class<?> c) {
        Deque<Type> todo = new ArrayDeque<>();
        todo.add(c);
        while (!todo.isEmpty()) {
            Type t = todo.removeFirst();
            if (t instanceof Class<?> k) {
                while (k.isArray()) {
                    k = k.getComponentType();
                }
                if (k.isPrimitive() || !declared.add(k)) {
                    continue;
                }
                if (k == Object.class || k == java.io.Serializable.class) {
                    anyObject = true;
                    continue;
                }
                if (!k.isInterface() && !Modifier.isAbstract(k.getModifiers())) {
                    admitted.add(k);
                }
                if (k.getClassLoader() == null) {
                    // JDK classes: their fields are their own business (collections write their
                    // elements by hand); what they hold comes from the type arguments of the field
                    continue;
                }
                for (Class<?> s = k; s != null && s != Object.class; s = s.getSuperclass()) {
                    admitted.add(s);
                    for (Field f : s.getDeclaredFields()) {
                        int m = f.getModifiers();
                        if (!Modifier.isStatic(m) && !Modifier.isTransient(m)) {
                            todo.add(f.getGenericType());
                        }
                    }
                }
            } else if (t instanceof ParameterizedType p) {
                todo.add(p.getRawType());
                todo.addAll(java.util.List.of(p.getActualTypeArguments()));
            } else if (t instanceof GenericArrayType g) {
                todo.add(g.getGenericComponentType());
            } else if (t instanceof WildcardType w) {
                todo.addAll(java.util.List.of(w.getUpperBounds()));
            } else if (t instanceof TypeVariable<?> v) {
                todo.addAll(java.util.List.of(v.getBounds()));
            }
        }
    }

    private static CodeSource codeSource(Class<?> c) {
        return c.getClassLoader() == null || c.getProtectionDomain() == null ? null : c.getProtectionDomain().getCodeSource();
    }

    /**
     * Called for each object read, before a collection that holds it computes its hash: bounds how
     * deep collections and records nest, from the depths of their (already read) elements.
     */
    @Override
    protected Object resolveObject(Object obj) throws IOException {
        int level = 0;
        if (obj instanceof Collection<?> c) {
            for (Object e : c) {
                level = Math.max(level, nesting.getOrDefault(e, 0));
            }
            level++;
        } else if (obj instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                level = Math.max(level, Math.max(nesting.getOrDefault(e.getKey(), 0), nesting.getOrDefault(e.getValue(), 0)));
            }
            level++;
        } else if (obj instanceof Record r) {
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    rc.getAccessor().setAccessible(true);
                    level = Math.max(level, nesting.getOrDefault(rc.getAccessor().invoke(r), 0));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // an inaccessible component adds no depth we could see
                }
            }
            level++;
        }
        if (level > MAX_NESTING) {
            refusal = "collections nested " + level + " deep (at most " + MAX_NESTING + ")";
            throw new InvalidObjectException("checkpoint refused: " + refusal);
        }
        if (level > 0) {
            nesting.put(obj, level);
        }
        return obj;
    }

    /** Resolves classes with the objective's class loader first (a plugin's class realm may not see them). */
    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        for (ClassLoader l : new ClassLoader[] {loader, Thread.currentThread().getContextClassLoader()}) {
            if (l != null) {
                try {
                    return Class.forName(desc.getName(), false, l);
                } catch (ClassNotFoundException e) {
                    // try the next loader
                }
            }
        }
        return super.resolveClass(desc);
    }
}
