export default function Page() {
  return <h1>workshop</h1>;
}
