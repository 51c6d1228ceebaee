package io.tillbridge.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.di.DefaultInstantiator;
import com.vaadin.flow.server.VaadinService;
import io.micronaut.context.ApplicationContext;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lets Vaadin obtain views, layouts and components from the Micronaut context.
 *
 * <p>A type the context knows as a bean is returned from the context. Any other concrete class is
 * constructed here: its constructor parameters are taken from the context, so a view can declare the
 * services it needs in its constructor without being a Micronaut bean itself. That applies to a class
 * that declares exactly one constructor, which need not be public. Anything else (interfaces,
 * abstract types, classes with several constructors) is left to Vaadin's default behaviour: a public
 * no-argument constructor. A class with an {@code @Inject} constructor is a Micronaut bean already
 * and comes from the context.
 */
class MicronautInstantiator extends DefaultInstantiator {

    private final transient ApplicationContext context;

    MicronautInstantiator(VaadinService service, ApplicationContext context) {
        super(service);
        this.context = context;
    }

    @Override
    public <T> T getOrCreate(Class<T> type) {
        Optional<T> bean = context.findBean(type);
        if (bean.isPresent()) {
            return bean.get();
        }
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || constructors.length != 1) {
            return super.getOrCreate(type);
        }
        return construct(type, constructors[0]);
    }

    @Override
    public <T extends Component> T createComponent(Class<T> componentClass) {
        return getOrCreate(componentClass);
    }

    private <T> T construct(Class<T> type, Constructor<?> constructor) {
        Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                .map(parameterType -> argument(type, parameterType))
                .toArray();
        try {
            constructor.setAccessible(true);
            return type.cast(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Constructing " + type.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + type.getName(), e);
        }
    }

    private Object argument(Class<?> owner, Class<?> parameterType) {
        return context.findBean(parameterType).orElseThrow(() -> new IllegalStateException(
                "Cannot construct " + owner.getName() + ": its constructor needs a "
                        + parameterType.getName() + " and the Micronaut context has no such bean"));
    }
}
