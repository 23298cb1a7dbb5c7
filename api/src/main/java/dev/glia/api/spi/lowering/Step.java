package dev.glia.api.spi.lowering;

import dev.glia.api.expr.BinaryOp;
import dev.glia.api.expr.UnaryOp;
import dev.glia.api.spi.Broadcast;
import java.util.Objects;

/**
 * One temporary of a {@link Program}: an input read at its broadcast index, or a primitive applied to
 * earlier temporaries and constants. A dialect spells each kind through {@link Visitor}, so a new kind
 * of step does not compile until every dialect handles it.
 */
public sealed interface Step permits Step.Read, Step.Unary, Step.Binary, Step.Select {

    /** Calls the method of {@code visitor} for this kind of step. */
    <R> R accept(Visitor<R> visitor);

    /**
     * The spelling of each kind of step in one dialect.
     *
     * @param <R> what the dialect makes of a step, e.g. the right-hand side of an assignment
     */
    interface Visitor<R> {
        /** Input {@code read.input()} at the index {@code read.mode()} names. */
        R read(Read read);

        /** A one-argument primitive. */
        R unary(Unary unary);

        /** A two-argument primitive; comparisons yield 1 or 0. */
        R binary(Binary binary);

        /** {@code ifTrue} where {@code condition} is not 0 (NaN included), else {@code ifFalse}. */
        R select(Select select);
    }

    /**
     * Element {@code (r, c)} of input {@code input}, read at {@code mode}'s index (see
     * {@link Broadcast#indexVariable()}).
     */
    record Read(int input, Broadcast mode) implements Step {
        /** Checks the arguments. */
        public Read {
            if (input < 0) {
                throw new IllegalArgumentException("An input's index must be >= 0, got " + input);
            }
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.read(this);
        }
    }

    /** {@code op(x)}. */
    record Unary(UnaryOp op, Operand x) implements Step {
        /** Checks for nulls. */
        public Unary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(x, "x");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.unary(this);
        }
    }

    /** {@code op(a, b)}. */
    record Binary(BinaryOp op, Operand a, Operand b) implements Step {
        /** Checks for nulls. */
        public Binary {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.binary(this);
        }
    }

    /** {@code condition != 0 ? ifTrue : ifFalse}. */
    record Select(Operand condition, Operand ifTrue, Operand ifFalse) implements Step {
        /** Checks for nulls. */
        public Select {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(ifTrue, "ifTrue");
            Objects.requireNonNull(ifFalse, "ifFalse");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.select(this);
        }
    }
}
