// The extension module convcert._core (pybind11): binds python/core.h. Every call releases the
// GIL while the C++ work runs; C++ exceptions become Python exceptions (std::invalid_argument,
// hence support::InputError: ValueError; std::runtime_error: RuntimeError), never an exit.
#include "python/core.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using namespace convcert::python;

PYBIND11_MODULE(_core, m) {
    m.doc() = "convcert's C++ pipelines and checker (use the package convcert, not this module)";
    using release = py::call_guard<py::gil_scoped_release>;

    py::class_<PythonBracket>(m, "Bracket")
        .def_readonly("certificate", &PythonBracket::certificate)
        .def_readonly("lower", &PythonBracket::lower)
        .def_readonly("upper", &PythonBracket::upper)
        .def_readonly("relative_gap", &PythonBracket::relative_gap)
        .def_readonly("estimate", &PythonBracket::estimate)
        .def_readonly("seconds", &PythonBracket::seconds)
        .def_readonly("C0", &PythonBracket::C0)
        .def_readonly("method", &PythonBracket::method);
    py::class_<PythonCollapse>(m, "Collapse")
        .def_readonly("certificate", &PythonCollapse::certificate)
        .def_readonly("channels", &PythonCollapse::channels)
        .def_readonly("channels_out", &PythonCollapse::channels_out)
        .def_readonly("bits", &PythonCollapse::bits)
        .def_readonly("cost_in", &PythonCollapse::cost_in)
        .def_readonly("cost_out", &PythonCollapse::cost_out)
        .def_readonly("slack", &PythonCollapse::slack)
        .def_readonly("seconds", &PythonCollapse::seconds)
        .def_readonly("source", &PythonCollapse::source);
    py::class_<PythonMaxmargin>(m, "Maxmargin")
        .def_readonly("certificate", &PythonMaxmargin::certificate)
        .def_readonly("lower", &PythonMaxmargin::lower)
        .def_readonly("upper", &PythonMaxmargin::upper)
        .def_readonly("relative_gap", &PythonMaxmargin::relative_gap)
        .def_readonly("seconds", &PythonMaxmargin::seconds)
        .def_readonly("channels", &PythonMaxmargin::channels);
    py::class_<PythonVerdict>(m, "Verdict")
        .def_readonly("status", &PythonVerdict::status)
        .def_readonly("line", &PythonVerdict::line);

    m.def("factor", &python_factor, py::arg("instance_json"), py::arg("method"), py::arg("digits"),
          release());
    m.def("regularizer", &python_regularizer, py::arg("instance_json"), py::arg("kernel"),
          release());
    m.def("collapse", &python_collapse, py::arg("network_json"), release());
    m.def("maxmargin", &python_maxmargin, py::arg("dataset_json"), py::arg("kernel"), release());
    m.def("check_text", &python_check_text, py::arg("text"), release());
    m.def("check_file", &python_check_file, py::arg("path"), release());
    m.def("closed_form", &python_closed_form, py::arg("W"), py::arg("shape"), py::arg("kernel"),
          release());
}
