// Progressive enhancement for the pages: everything works without this file.
// - copy buttons ([data-copy-target]) appear and copy a field's value;
// - a character counter for textareas with data-counter;
// - a show/hide button next to every passphrase and password field, and read-only boxes grown to their value;
// - client-side validation from the data-val-* attributes that FluentValidation's client adapters write
//   (required, length, minlength, maxlength, email, regex, equalto); the server always validates again.
(function () {
    "use strict";

    // Counts characters as the server does (Unicode code points, not UTF-16 units).
    function charCount(text) {
        var count = 0;
        for (var i = 0; i < text.length; i++) {
            var code = text.charCodeAt(i);
            if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
                var next = text.charCodeAt(i + 1);
                if (next >= 0xdc00 && next <= 0xdfff) {
                    i++;
                }
            }
            count++;
        }
        return count;
    }

    function setStatus(button, message) {
        var holder = button.closest(".field, .new-token, section");
        var status = holder ? holder.querySelector(".copy-status") : null;
        if (status) {
            status.textContent = message;
            window.setTimeout(function () { status.textContent = ""; }, 4000);
        }
    }

    function copyFallback(field) {
        field.focus();
        field.select();
        try {
            return document.execCommand("copy");
        } catch (e) {
            return false;
        }
    }

    function initCopyButtons() {
        document.querySelectorAll("[data-copy-target]").forEach(function (button) {
            var field = document.getElementById(button.getAttribute("data-copy-target"));
            if (!field) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                var text = field.value !== undefined ? field.value : field.textContent;
                var done = function () { setStatus(button, "Copied to the clipboard."); };
                var failed = function () {
                    setStatus(button, copyFallback(field) ? "Copied to the clipboard." : "Select the text and copy it.");
                };
                if (navigator.clipboard && window.isSecureContext) {
                    navigator.clipboard.writeText(text).then(done, failed);
                } else {
                    failed();
                }
            });
        });
    }

    function initCounters() {
        document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
            var counter = document.getElementById(area.getAttribute("data-counter"));
            var max = parseInt(area.getAttribute("data-count-max") || "0", 10);
            if (!counter || !max) {
                return;
            }
            var update = function () {
                var used = charCount(area.value);
                counter.textContent = used.toLocaleString("en") + " / " + max.toLocaleString("en") + " characters";
                counter.classList.toggle("over", used > max);
            };
            counter.hidden = false;
            area.addEventListener("input", update);
            update();
        });
    }

    // A show/hide button for every passphrase and password field; without the script they stay plain fields.
    function initRevealToggles() {
        document.querySelectorAll("input[type='password']").forEach(function (field) {
            var what = field.getAttribute("data-reveal-label") || "password";
            var wrapper = document.createElement("div");
            wrapper.className = "reveal-field";
            field.parentNode.insertBefore(wrapper, field);
            wrapper.appendChild(field);
            var button = document.createElement("button");
            button.type = "button";
            button.className = "button secondary reveal-toggle";
            button.setAttribute("aria-pressed", "false");
            button.setAttribute("aria-controls", field.id);
            var text = document.createElement("span");
            text.textContent = "Show";
            var hidden = document.createElement("span");
            hidden.className = "visually-hidden";
            hidden.textContent = " " + what;
            button.appendChild(text);
            button.appendChild(hidden);
            button.addEventListener("click", function () {
                var show = field.type === "password";
                field.type = show ? "text" : "password";
                button.setAttribute("aria-pressed", show ? "true" : "false");
            });
            wrapper.appendChild(button);
        });
    }

    // Grows a read-only box to show its whole value where the stylesheet's field-sizing is not supported.
    function initAutosize() {
        document.querySelectorAll("textarea[data-autosize]").forEach(function (area) {
            if (window.CSS && CSS.supports("field-sizing", "content")) {
                return;
            }
            var grow = function () {
                area.style.height = "auto";
                area.style.height = (area.scrollHeight + 2) + "px";
            };
            grow();
            window.addEventListener("resize", grow);
        });
    }

    // ---- validation ----

    var emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

    function messageFor(form, field) {
        var spans = form.querySelectorAll("[data-valmsg-for]");
        for (var i = 0; i < spans.length; i++) {
            var target = spans[i].getAttribute("data-valmsg-for").toLowerCase();
            if (target === (field.name || "").toLowerCase() || target === (field.id || "").toLowerCase()) {
                return spans[i];
            }
        }
        return null;
    }

    function otherField(form, field, reference) {
        // equalto names the other property as "*.Name": find a field of the same form with that id or name.
        var name = reference.replace(/^\*\./, "").toLowerCase();
        var fields = form.querySelectorAll("input, textarea, select");
        for (var i = 0; i < fields.length; i++) {
            var candidate = fields[i];
            var id = (candidate.id || "").toLowerCase().replace(/_/g, "");
            var nm = (candidate.name || "").toLowerCase().replace(/_/g, "");
            var wanted = name.split(".").pop().replace(/_/g, "");
            if (candidate !== field && (id === wanted || nm === wanted)) {
                return candidate;
            }
        }
        return null;
    }

    function firstError(form, field) {
        var d = function (name) { return field.getAttribute("data-val-" + name); };
        var value = field.value || "";
        var length = charCount(value);
        if (d("required") !== null && value.trim() === "") {
            return d("required");
        }
        if (value === "") {
            return null;
        }
        var min = d("length-min") || d("minlength-min");
        var max = d("length-max") || d("maxlength-max");
        if (min && length < parseInt(min, 10)) {
            return d("length") || d("minlength");
        }
        if (max && length > parseInt(max, 10)) {
            return d("length") || d("maxlength");
        }
        if (d("email") !== null && !emailPattern.test(value)) {
            return d("email");
        }
        var pattern = d("regex-pattern");
        if (pattern && !new RegExp("^(?:" + pattern + ")$").test(value)) {
            return d("regex");
        }
        var other = d("equalto-other");
        if (other) {
            var twin = otherField(form, field, other);
            if (twin && twin.value !== value) {
                return d("equalto");
            }
        }
        return null;
    }

    function check(form, field) {
        var error = firstError(form, field);
        var span = messageFor(form, field);
        if (span) {
            span.textContent = error || "";
        }
        if (error) {
            field.setAttribute("aria-invalid", "true");
        } else {
            field.removeAttribute("aria-invalid");
        }
        return !error;
    }

    function initValidation() {
        document.querySelectorAll("form[data-validate]").forEach(function (form) {
            form.noValidate = true;
            var fields = function () { return form.querySelectorAll("[data-val='true']"); };
            var attempted = false;
            form.addEventListener("submit", function (event) {
                if (event.submitter && event.submitter.hasAttribute("formnovalidate")) {
                    return;
                }
                attempted = true;
                var firstInvalid = null;
                fields().forEach(function (field) {
                    if (!check(form, field) && !firstInvalid) {
                        firstInvalid = field;
                    }
                });
                if (firstInvalid) {
                    event.preventDefault();
                    firstInvalid.focus();
                }
            });
            fields().forEach(function (field) {
                var recheck = function () {
                    if (attempted || field.getAttribute("aria-invalid") === "true") {
                        check(form, field);
                    }
                };
                field.addEventListener("input", recheck);
                field.addEventListener("blur", recheck);
            });
        });
    }

    // Times are written by the server in UTC ("2026-03-01 12:00 UTC", the text that stays without the script); here
    // they become the reader's own time zone, named, with the UTC text kept as the element's title.
    function initLocalTimes() {
        var format;
        try {
            format = new Intl.DateTimeFormat(undefined, {
                year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"
            });
        } catch (e) {
            return;
        }

        document.querySelectorAll("time[datetime]").forEach(function (element) {
            var when = new Date(element.getAttribute("datetime"));
            if (isNaN(when.getTime())) {
                return;
            }

            element.title = element.textContent;
            element.textContent = format.format(when);
        });
    }

    function focusFirstProblem() {
        var target = document.querySelector("[data-focus-on-load]") || document.querySelector("[aria-invalid='true']");
        if (target) {
            target.focus();
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        initRevealToggles();
        initAutosize();
        initCopyButtons();
        initCounters();
        initValidation();
        initLocalTimes();
        focusFirstProblem();
    });
}());
