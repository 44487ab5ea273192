"""The demo knowledge base: the seeds' guidance as articles, in Spanish and in English."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.backends.base.client import BaseDBAsyncClient

from domain.kb.articles import ArticleDraft, save_new_article
from domain.models import ArticleStatus, Category, Difficulty, Language

ES, EN = Language.ES, Language.EN


@dataclass(frozen=True)
class DemoArticle:
    language: Language
    category: str
    title: str
    summary: str
    body: str
    difficulty: Difficulty = Difficulty.EASY
    minutes: int = 5
    applies_to: str = ""
    tools: str = ""


TICKET_GUIDE_ES = """
## ¿Cómo abro un ticket?

1. Acceda al **Panel de Clientes** con su número de cliente y su clave.
2. Entre en **Tickets > Abrir nuevo ticket**.
3. Elija el **servicio** al que corresponde su consulta y la **categoría** que mejor la
   describa (Soporte Técnico, Facturación o Consultas Generales).
4. Escriba un **asunto** breve (por ejemplo, "Error al iniciar sesión") y describa el
   problema con el mayor detalle posible en el **mensaje**.
5. Indique la **prioridad**: Baja, Media o Alta. Use Alta solo para casos críticos.
6. Adjunte capturas de pantalla si las tiene y haga clic en **Enviar**.

Al enviar el ticket verá su **ID de ticket** (por ejemplo `ABC-DEF-GHIJ`) y recibirá una
copia por correo electrónico. Guárdelo: es su llave para seguir el caso.

## ¿Cómo sigo mi ticket?

No abra un ticket nuevo para dar seguimiento. En **Ver tickets existentes** introduzca su
ID de ticket y su correo electrónico, o entre en **Tickets** desde el Panel de Clientes.
Allí puede leer las respuestas de los agentes, añadir información y marcar el ticket como
**resuelto** cuando el problema esté solucionado.

> Un problema = un ticket: no mezcle temas diferentes en una misma solicitud.
"""

TICKET_GUIDE_EN = """
## How do I open a ticket?

1. Sign in to the **Customer Panel** with your client number and password.
2. Go to **Tickets > Open new ticket**.
3. Choose the **service** your request is about and the **category** that best describes
   it (Technical Support, Billing or General Enquiries).
4. Write a short **subject** (for example "Error when logging in") and describe the
   problem in as much detail as you can in the **message**.
5. Set the **priority**: Low, Medium or High. Use High only for critical cases.
6. Attach screenshots if you have them and click **Send**.

Once sent you will see your **ticket ID** (for example `ABC-DEF-GHIJ`) and receive a copy
by email. Keep it: it is your key to follow the case.

## How do I follow my ticket?

Do not open a new ticket to follow up. Under **View existing tickets** enter your ticket ID
and your email address, or open **Tickets** in the Customer Panel. There you can read the
agents' replies, add information and mark the ticket as **resolved** once the problem is
solved.

> One problem = one ticket: do not mix different issues in one request.
"""

LEVELS_ES = """
Todos los servicios incluyen el **Nivel 1**; algunos incluyen el **Nivel 2**; el
**Nivel 3 Premium** tiene un costo adicional (COP 120.900 + IVA al mes).

| Nivel | Canales | Alto impacto | Medio impacto | Bajo impacto |
|---|---|---|---|---|
| Nivel 1 | ticket y email; teléfono solo sobre un ticket existente | hasta 1 hora | 3 a 5 horas hábiles | 5 a 6 horas hábiles |
| Nivel 2 | ticket y email; chat y teléfono en horario hábil | hasta 1 hora | 2 a 3 horas hábiles | 3 a 4 horas hábiles |
| Nivel 3 | ticket 24/7; email, chat y teléfono prioritarios en horario hábil; asistencia remota | menos de 1 hora | menos de 1 hora | menos de 1 hora |

## Tipos de casos

- **Alto impacto**: caída del servicio o servidor, intermitencia prolongada, ataque de un
  tercero, reporte de pago para activar un servicio nuevo.
- **Medio impacto**: bloqueo de IP en el firewall, reactivación por suspensión de pago,
  pérdida de datos, restauración de backups, errores de programación o de bases de datos,
  licenciamiento, configuración de DNS.
- **Bajo impacto**: cambios de contraseña o acceso a paneles, reportes de pago de
  renovación, solicitud de informes o logs, guías de uso.

La base de conocimiento está incluida en todos los niveles.
"""

LEVELS_EN = """
Every service includes **Level 1**; some include **Level 2**; **Level 3 Premium** costs
extra (COP 120,900 + VAT per month).

| Level | Channels | High impact | Medium impact | Low impact |
|---|---|---|---|---|
| Level 1 | ticket and email; phone only about an existing ticket | up to 1 hour | 3 to 5 business hours | 5 to 6 business hours |
| Level 2 | ticket and email; chat and phone in business hours | up to 1 hour | 2 to 3 business hours | 3 to 4 business hours |
| Level 3 | ticket 24/7; priority email, chat and phone in business hours; remote assistance | under 1 hour | under 1 hour | under 1 hour |

## Case types

- **High impact**: service or server down, prolonged intermittency, third-party attack,
  payment report to activate a new service.
- **Medium impact**: firewall IP block, reactivation after suspension for non-payment,
  data loss, backup restore, programming or database errors, licensing, DNS settings.
- **Low impact**: password changes or panel access, renewal payment reports, requests for
  reports or logs, how-to guidance.

The knowledge base is included in every level.
"""

REOPEN_ES = """
Si su problema vuelve a aparecer, no abra un ticket nuevo sobre el mismo tema: **reabra el
ticket original** para conservar todo el historial.

1. Acceda al **Panel de Clientes** con su número de cliente y su clave.
2. Entre en **Tickets** y busque el ticket en el listado.
3. Haga clic en **Leer ticket** (el botón de la lupa).
4. Si el ticket está cerrado, haga clic en **Reabrir ticket** y escriba lo que ocurre en
   **Agregar al ticket**. Si sigue abierto, simplemente responda.

Pasado el plazo de reapertura, su respuesta abre un ticket nuevo enlazado con el anterior.
"""

REOPEN_EN = """
If your problem comes back, do not open a new ticket about the same issue: **reopen the
original ticket** so its whole history stays together.

1. Sign in to the **Customer Panel** with your client number and password.
2. Open **Tickets** and find the ticket in the list.
3. Click **Read ticket** (the magnifying-glass button).
4. If the ticket is closed, click **Reopen ticket** and describe what happens in **Add to
   ticket**. If it is still open, just reply.

After the reopen window has passed, your reply opens a new ticket linked to the old one.
"""

PASSWORD_ES = """
Su número de cliente y su contraseña del Panel de Clientes se enviaron por correo cuando
se activó el servicio. Si perdió u olvidó la contraseña:

1. En la página de acceso al **Panel de Clientes**, haga clic en **¿Olvidó su contraseña?**
2. Escriba su **número de cliente** (por ejemplo `C-1001`).
3. Recibirá en su correo electrónico principal un enlace para crear una contraseña nueva.
   El enlace caduca pronto y sirve una sola vez.
4. Elija una contraseña nueva de al menos 8 caracteres y vuelva a entrar al panel.

Si no recibe el correo, revise la carpeta de spam o abra un ticket en la categoría
**Restablecimiento de contraseñas o acceso a paneles**.
"""

PASSWORD_EN = """
Your client number and your Customer Panel password were emailed to you when the service
was activated. If you lost or forgot the password:

1. On the **Customer Panel** sign-in page, click **Forgot your password?**
2. Enter your **client number** (for example `C-1001`).
3. You will receive a link at your main email address to choose a new password. The link
   expires soon and works only once.
4. Choose a new password of at least 8 characters and sign in to the panel again.

If the email does not arrive, check your spam folder or open a ticket in the **Password
reset or control-panel access** category.
"""

BACKUP_ES = """
Puede restaurar una copia de seguridad (backup) de sus archivos o de su base de datos desde
el panel de control de su servicio.

1. Entre al panel de control del servicio y abra la sección **Copias de seguridad**.
2. Elija la fecha de la copia que desea restaurar.
3. Seleccione qué restaurar: todos los archivos, una carpeta o una base de datos.
4. Confirme. La restauración reemplaza los datos actuales por los de la copia, así que
   descargue antes una copia de lo que quiera conservar.

Si la copia que necesita no aparece, abra un ticket en la categoría **Restauración de
backups** (medio impacto) indicando la fecha y qué datos desea recuperar.
"""

BACKUP_EN = """
You can restore a backup of your files or your database from your service's control panel.

1. Sign in to the service's control panel and open the **Backups** section.
2. Choose the date of the backup to restore.
3. Select what to restore: all files, one folder or one database.
4. Confirm. Restoring replaces the current data with the backup's, so download a copy of
   anything you want to keep first.

If the backup you need is not listed, open a ticket in the **Backup restore** category
(medium impact) with the date and the data you want to recover.
"""

ARTICLES: tuple[DemoArticle, ...] = (
    DemoArticle(ES, "how_to", "Cómo abrir y seguir un ticket de soporte",
                "Abra un ticket desde el Panel de Clientes y siga su caso con el ID de ticket.",
                TICKET_GUIDE_ES, applies_to="Todos", tools="Panel de Clientes"),
    DemoArticle(EN, "how_to", "How to open and follow a support ticket",
                "Open a ticket from the Customer Panel and follow it with its ticket ID.",
                TICKET_GUIDE_EN, applies_to="All", tools="Customer Panel"),
    DemoArticle(ES, "how_to", "Niveles de soporte y tiempos de respuesta",
                "Qué incluye cada nivel de soporte y cuánto tardamos en responder.",
                LEVELS_ES, minutes=3, applies_to="Todos"),
    DemoArticle(EN, "how_to", "Support levels and response times",
                "What each support level includes and how fast we answer.",
                LEVELS_EN, minutes=3, applies_to="All"),
    DemoArticle(ES, "how_to", "Cómo reabrir un ticket",
                "Reabra el ticket original en lugar de abrir uno nuevo sobre el mismo tema.",
                REOPEN_ES, applies_to="Todos", tools="Panel de Clientes"),
    DemoArticle(EN, "how_to", "How to reopen a ticket",
                "Reopen the original ticket instead of opening a new one on the same issue.",
                REOPEN_EN, applies_to="All", tools="Customer Panel"),
    DemoArticle(ES, "password_panel_access", "Recuperar la contraseña del Panel de Clientes",
                "Qué hacer si perdió u olvidó la contraseña de acceso al panel.",
                PASSWORD_ES, applies_to="Todos", tools="Correo electrónico"),
    DemoArticle(EN, "password_panel_access", "Recover your Customer Panel password",
                "What to do if you lost or forgot the password to the panel.",
                PASSWORD_EN, applies_to="All", tools="Email"),
    DemoArticle(ES, "backup_restore", "Restaurar una copia de seguridad (backup)",
                "Restaure archivos o bases de datos desde una copia de seguridad.",
                BACKUP_ES, Difficulty.MEDIUM, 15, "Hosting", "Panel de control"),
    DemoArticle(EN, "backup_restore", "Restore a backup",
                "Restore files or databases from a backup.",
                BACKUP_EN, Difficulty.MEDIUM, 15, "Hosting", "Control panel"),
)  # fmt: skip


async def seed_demo_articles(connection: BaseDBAsyncClient) -> None:
    """Publish the demo articles (the categories must exist already)."""
    categories = {c.code: c.id for c in await Category.all().using_db(connection)}
    for article in ARTICLES:
        draft = ArticleDraft(
            title=article.title,
            summary=article.summary,
            body_markdown=article.body.strip(),
            language=article.language,
            category_id=categories.get(article.category),
            difficulty=article.difficulty,
            time_needed_minutes=article.minutes,
            applies_to=article.applies_to,
            tools_required=article.tools,
        )
        await save_new_article(connection, draft, author_id=None, status=ArticleStatus.PUBLISHED)
