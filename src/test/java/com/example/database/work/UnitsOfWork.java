package com.example.database.work;

import com.example.database.work.UnitOfWork.Kind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/** Units of work of each kind around whatever a test gives them, declared as a service declares them. */
@ApplicationScoped
public class UnitsOfWork {

    @UnitOfWork(Kind.READ)
    public <T> T read(Supplier<T> work) {
        return work.get();
    }

    @UnitOfWork(Kind.IDEMPOTENT_WRITE)
    public <T> T idempotentWrite(Supplier<T> work) {
        return work.get();
    }

    @UnitOfWork(Kind.WRITE)
    public <T> T write(Supplier<T> work) {
        return work.get();
    }
}
