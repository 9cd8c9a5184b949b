#include "app/studio/lab/propertiespanel.h"

#include "app/studio/lab/diagramcommands.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>

namespace sds::gui {

using diagram::ParamSpec;
using diagram::ParamType;

namespace {

QString pretty(const QString &choice)
{
    QString s = choice;
    s.replace(u'_', u' ');
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

int decimalsFor(const ParamSpec &p)
{
    // Fractions need more digits than milliseconds.
    return p.max <= 10 ? 3 : 2;
}

void setEditorValue(QWidget *w, const QVariant &v)
{
    const QSignalBlocker block(w);
    if (auto *s = qobject_cast<QSpinBox *>(w))
        s->setValue(v.toInt());
    else if (auto *d = qobject_cast<QDoubleSpinBox *>(w))
        d->setValue(v.toDouble());
    else if (auto *c = qobject_cast<QComboBox *>(w))
        c->setCurrentIndex(c->findData(v.toString()));
    else if (auto *e = qobject_cast<QLineEdit *>(w))
        e->setText(v.toString());
    else if (auto *b = qobject_cast<QCheckBox *>(w))
        b->setChecked(v.toBool());
}

} // namespace

PropertiesPanel::PropertiesPanel(diagram::Diagram &doc, QUndoStack &undo, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_undo(undo)
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_formHost(new QWidget)
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("properties"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    m_title->setFont(f);
    m_title->setWordWrap(true); // a long design name must not widen the dock
    m_subtitle->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #dc2626;"));
    m_message->hide();

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_formHost);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_message);

    connect(&m_doc, &diagram::Diagram::changed, this, [this](const diagram::DiagramChange &c) {
        using K = diagram::DiagramChange::Kind;
        if ((c.kind == K::NodeRemoved && c.id == m_nodeId) ||
            (c.kind == K::EdgeRemoved && c.id == m_edgeId) ||
            (c.kind == K::NodeRemoved && c.removedEdges.contains(m_edgeId)) || c.kind == K::Reset) {
            showDiagram();
            return;
        }
        refreshValues();
    });
    showDiagram();
}

void PropertiesPanel::clearForm(const QString &title, const QString &subtitle)
{
    m_editors.clear();
    delete m_formHost->layout();
    qDeleteAll(m_formHost->findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
    m_form = new QFormLayout(m_formHost);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(wrapPolicy());
    m_title->setText(title);
    m_subtitle->setText(subtitle);
    m_subtitle->setVisible(!subtitle.isEmpty());
    setMessage({});
}

// In a narrow dock each value goes under its label, at the full width,
// rather than squeezed beside the widest label and cut off.
QFormLayout::RowWrapPolicy PropertiesPanel::wrapPolicy() const
{
    return width() < kSideBySideWidth ? QFormLayout::WrapAllRows : QFormLayout::DontWrapRows;
}

void PropertiesPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_form && m_form->rowWrapPolicy() != wrapPolicy())
        m_form->setRowWrapPolicy(wrapPolicy());
}

void PropertiesPanel::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

QString PropertiesPanel::message() const
{
    return m_message->text();
}

QWidget *PropertiesPanel::editor(const QString &key) const
{
    return m_editors.value(key);
}

void PropertiesPanel::showNode(const QString &id)
{
    const diagram::Node *n = m_doc.data().node(id);
    if (!n) {
        showDiagram();
        return;
    }
    m_nodeId = id;
    m_edgeId.clear();
    const diagram::KindSpec &spec = diagram::kindSpec(n->kind);
    clearForm(n->displayName(), spec.name + QStringLiteral(" — ") + spec.help);
    addNodeEditors(*n);
}

void PropertiesPanel::addNodeEditors(const diagram::Node &node)
{
    auto *label = new QLineEdit(node.label, m_formHost);
    label->setPlaceholderText(node.id);
    m_form->addRow(tr("Label"), label);
    m_editors.insert(QStringLiteral("label"), label);
    connect(label, &QLineEdit::editingFinished, this, [this, label] {
        const diagram::Node *n = m_doc.data().node(m_nodeId);
        if (n && n->label != label->text())
            m_undo.push(new SetNodeLabelCommand(m_doc, m_nodeId, label->text()));
    });

    for (const ParamSpec &p : diagram::kindSpec(node.kind).params) {
        QWidget *w = nullptr;
        const QString key = p.key;
        const auto push = [this, key](const QVariant &value) {
            const diagram::Node *n = m_doc.data().node(m_nodeId);
            if (!n)
                return;
            const ParamSpec *spec = diagram::kindSpec(n->kind).param(key);
            if (!spec->accepts(value)) {
                setMessage(
                    tr("%1 %2; the value was not changed.").arg(spec->label, spec->problem(value)));
                refreshValues();
                return;
            }
            setMessage({});
            if (n->param(key) != value)
                m_undo.push(new SetNodeParamsCommand(m_doc, m_nodeId, key, value));
        };
        switch (p.type) {
        case ParamType::Int: {
            auto *s = new QSpinBox(m_formHost);
            s->setRange(int(std::max(p.min, -2147483647.0)), int(std::min(p.max, 2147483647.0)));
            if (!p.unit.isEmpty())
                s->setSuffix(QStringLiteral(" ") + p.unit);
            s->setKeyboardTracking(false);
            connect(s, &QSpinBox::valueChanged, this, [push](int v) { push(v); });
            w = s;
            break;
        }
        case ParamType::Real: {
            auto *s = new QDoubleSpinBox(m_formHost);
            s->setDecimals(decimalsFor(p));
            s->setRange(p.min, p.max);
            s->setSingleStep(p.max <= 1 ? 0.05 : p.max <= 10 ? 0.1 : 1);
            if (!p.unit.isEmpty())
                s->setSuffix(QStringLiteral(" ") + p.unit);
            s->setKeyboardTracking(false);
            connect(s, &QDoubleSpinBox::valueChanged, this, [push](double v) { push(v); });
            w = s;
            break;
        }
        case ParamType::Enum: {
            auto *c = new QComboBox(m_formHost);
            for (const QString &choice : p.choices)
                c->addItem(pretty(choice), choice);
            connect(c, &QComboBox::activated, this,
                    [push, c](int i) { push(c->itemData(i).toString()); });
            w = c;
            break;
        }
        case ParamType::Bool: {
            auto *b = new QCheckBox(m_formHost);
            connect(b, &QCheckBox::toggled, this, [push](bool on) { push(on); });
            w = b;
            break;
        }
        }
        w->setToolTip(p.help + (p.type == ParamType::Int || p.type == ParamType::Real
                                    ? tr("\nValid: %1 to %2 %3").arg(p.min).arg(p.max).arg(p.unit)
                                    : QString()));
        w->setObjectName(key);
        m_form->addRow(p.label, w);
        m_editors.insert(key, w);
    }
    refreshValues();
}

void PropertiesPanel::showEdge(const QString &id)
{
    const int i = m_doc.data().edgeIndex(id);
    if (i < 0) {
        showDiagram();
        return;
    }
    m_edgeId = id;
    m_nodeId.clear();
    const diagram::Edge &e = m_doc.data().edges[i];
    clearForm(tr("Connection %1").arg(id), tr("From %1 to %2").arg(e.from, e.to));
    addEdgeEditors(e);
}

void PropertiesPanel::addEdgeEditors(const diagram::Edge &)
{
    const auto change = [this](auto &&mutate) {
        const int i = m_doc.data().edgeIndex(m_edgeId);
        if (i < 0)
            return;
        diagram::Edge e = m_doc.data().edges[i];
        mutate(e);
        m_undo.push(new SetEdgeCommand(m_doc, e));
    };
    auto *latency =
        addNumber(QStringLiteral("latency_ms"), tr("Latency"), 0, 3.6e6, 2, QStringLiteral(" ms"),
                  tr("One-way network latency; paid going and again on the way back."));
    connect(latency, &QDoubleSpinBox::valueChanged, this,
            [change](double v) { change([v](diagram::Edge &e) { e.latencyMs = v; }); });
    auto *weight = addNumber(QStringLiteral("weight"), tr("Weight"), 0, 1e6, 2, {},
                             tr("Share of the traffic among the edges leaving the same node."));
    connect(weight, &QDoubleSpinBox::valueChanged, this,
            [change](double v) { change([v](diagram::Edge &e) { e.weight = v; }); });

    auto *useP = new QCheckBox(tr("Route by probability"), m_formHost);
    m_form->addRow(useP);
    m_editors.insert(QStringLiteral("use_probability"), useP);
    auto *probability =
        addNumber(QStringLiteral("probability"), tr("Probability"), 0, 1, 3, {},
                  tr("Chance a request takes this edge; what is left over ends at the node."));
    connect(useP, &QCheckBox::toggled, this, [change, probability](bool on) {
        const double p = probability->value();
        change([on, p](diagram::Edge &e) {
            e.probability = on ? std::optional<double>(p) : std::nullopt;
        });
    });
    connect(probability, &QDoubleSpinBox::valueChanged, this, [change](double v) {
        change([v](diagram::Edge &e) {
            if (e.probability)
                e.probability = v;
        });
    });

    auto *role = new QComboBox(m_formHost);
    role->addItem(tr("All requests"), QStringLiteral("any"));
    role->addItem(tr("Reads only"), QStringLiteral("read"));
    role->addItem(tr("Writes only"), QStringLiteral("write"));
    connect(role, &QComboBox::activated, this, [change, role](int i) {
        const auto r = diagram::edgeRoleFromKey(role->itemData(i).toString());
        change([r](diagram::Edge &e) { e.role = r.value_or(diagram::EdgeRole::Any); });
    });
    m_form->addRow(tr("Carries"), role);
    m_editors.insert(QStringLiteral("role"), role);
    refreshValues();
}

QDoubleSpinBox *PropertiesPanel::addNumber(const QString &key, const QString &label, double min,
                                           double max, int decimals, const QString &suffix,
                                           const QString &tip)
{
    auto *box = new QDoubleSpinBox(m_formHost);
    box->setDecimals(decimals);
    box->setRange(min, max);
    box->setSingleStep(max <= 1 ? 0.05 : max <= 10 ? 0.1 : 1);
    box->setSuffix(suffix);
    box->setKeyboardTracking(false); // one edit per value, not per keystroke
    box->setToolTip(tip);
    m_form->addRow(label, box);
    m_editors.insert(key, box);
    return box;
}

void PropertiesPanel::showDiagram()
{
    m_nodeId.clear();
    m_edgeId.clear();
    const QString name = m_doc.data().name;
    clearForm(name.isEmpty() ? tr("Diagram") : name,
              tr("Workload and run settings. Select a component to edit it."));
    addDiagramEditors();
}

void PropertiesPanel::addDiagramEditors()
{
    const auto change = [this](auto &&mutate, const QString &text) {
        diagram::DiagramData after = m_doc.data();
        mutate(after);
        m_undo.push(new ReplaceDiagramCommand(m_doc, m_doc.data(), after, text));
    };
    auto *keys = addNumber(QStringLiteral("keys"), tr("Key space"), 1, 1e12, 0, tr(" keys"),
                           tr("Distinct keys the clients ask for; caches and shards see them."));
    connect(keys, &QDoubleSpinBox::valueChanged, this, [change](double v) {
        change([v](diagram::DiagramData &d) { d.workload.keys = qint64(v); }, tr("Set key space"));
    });

    auto *zipf = addNumber(
        QStringLiteral("zipf"), tr("Key skew (Zipf)"), 0, 10, 2, {},
        tr("Zipf exponent of key popularity: 0 is uniform, about 1 is typical web skew."));
    connect(zipf, &QDoubleSpinBox::valueChanged, this, [change](double v) {
        change([v](diagram::DiagramData &d) { d.workload.zipf = v; }, tr("Set key skew"));
    });

    auto *duration =
        addNumber(QStringLiteral("duration_s"), tr("Run length"), 1, 1e7, 2, QStringLiteral(" s"),
                  tr("Simulated time of a measured run, warm-up included: the "
                     "reference run, reports and sdstudio-cli. Run in the lab "
                     "goes on until Pause."));
    connect(duration, &QDoubleSpinBox::valueChanged, this, [change, this](double v) {
        if (v <= m_doc.data().run.warmupS) {
            setMessage(tr("The run must be longer than its warm-up."));
            refreshValues();
            return;
        }
        change([v](diagram::DiagramData &d) { d.run.durationS = v; }, tr("Set run length"));
    });

    auto *warmup =
        addNumber(QStringLiteral("warmup_s"), tr("Warm-up"), 0, 1e7, 2, QStringLiteral(" s"),
                  tr("Statistics start after this, once queues have filled."));
    connect(warmup, &QDoubleSpinBox::valueChanged, this, [change, this](double v) {
        if (v >= m_doc.data().run.durationS) {
            setMessage(tr("The warm-up must be shorter than the run."));
            refreshValues();
            return;
        }
        change([v](diagram::DiagramData &d) { d.run.warmupS = v; }, tr("Set warm-up"));
    });
    refreshValues();
}

void PropertiesPanel::refreshValues()
{
    const diagram::DiagramData &d = m_doc.data();
    if (!m_nodeId.isEmpty()) {
        const diagram::Node *n = d.node(m_nodeId);
        if (!n)
            return;
        m_title->setText(n->displayName());
        for (auto it = m_editors.begin(); it != m_editors.end(); ++it)
            setEditorValue(it.value(),
                           it.key() == u"label" ? QVariant(n->label) : n->param(it.key()));
        return;
    }
    if (!m_edgeId.isEmpty()) {
        const int i = d.edgeIndex(m_edgeId);
        if (i < 0)
            return;
        const diagram::Edge &e = d.edges[i];
        setEditorValue(m_editors.value(QStringLiteral("latency_ms")), e.latencyMs);
        setEditorValue(m_editors.value(QStringLiteral("weight")), e.weight);
        setEditorValue(m_editors.value(QStringLiteral("use_probability")),
                       e.probability.has_value());
        setEditorValue(m_editors.value(QStringLiteral("probability")), e.probability.value_or(1.0));
        m_editors.value(QStringLiteral("probability"))->setEnabled(e.probability.has_value());
        setEditorValue(m_editors.value(QStringLiteral("role")), diagram::edgeRoleKey(e.role));
        return;
    }
    setEditorValue(m_editors.value(QStringLiteral("keys")), double(d.workload.keys));
    setEditorValue(m_editors.value(QStringLiteral("zipf")), d.workload.zipf);
    setEditorValue(m_editors.value(QStringLiteral("duration_s")), d.run.durationS);
    setEditorValue(m_editors.value(QStringLiteral("warmup_s")), d.run.warmupS);
}

} // namespace sds::gui
